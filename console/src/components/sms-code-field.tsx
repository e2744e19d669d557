/** The SMS code input of both second-factor steps (sign-in and enrolment), with the "code sent" notice. */
import type { Ref } from 'preact';
import { Notice } from './feedback';

export function SmsCodeField({ inputRef, code, onCode }: { inputRef: Ref<HTMLInputElement>; code: string; onCode: (code: string) => void }) {
  return (
    <>
      <Notice>Code sent. It is valid for a few minutes.</Notice>
      <label>
        Code from the SMS
        <input
          ref={inputRef}
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]{6}"
          maxLength={6}
          required
          value={code}
          onInput={(e) => onCode(e.currentTarget.value)}
        />
      </label>
    </>
  );
}
