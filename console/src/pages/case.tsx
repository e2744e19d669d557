/**
 * One KYC case (GET /v1/admin/kyc/{caseId}): applicant data, identity
 * document, provider references and the status timeline from the case's
 * event log, for admins and support; admins also see the case's audit
 * entries and decide (approve, reject, request resubmission) with a reason,
 * after a confirmation. A refused decision shows the API's problem title and
 * detail.
 */
import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { apiCall } from '../api';
import { useLoad } from '../hooks';
import { auditOf, loadCase, OPEN_STATUSES } from '../kyc-cases';
import { isAdmin, useSession } from '../session';
import { DECISIONS, type Decision, type KycAdminCase, type KycCaseEvent, type KycDecision } from '../types';
import { AuditList } from '../components/audit-list';
import { ConfirmDialog } from '../components/confirm';
import { Empty, ErrorBox, Loading, Notice, When } from '../components/feedback';
import { PageHeading } from '../components/page';

const DECISION_LABELS: Record<Decision, string> = { approve: 'Approve', reject: 'Reject', request_resubmission: 'Request resubmission' };

function Field({ label, children }: { label: string; children: preact.ComponentChildren }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children ?? '—'}</dd>
    </>
  );
}

const statusText = (status: string): string => status.replace('_', ' ');

/** The case's status changes, oldest first: when, from → to, who and why. */
function Timeline({ events }: { events: KycCaseEvent[] }) {
  if (events.length === 0) return <Empty>No recorded status change.</Empty>;
  return (
    <ol class="timeline">
      {events.map((event) => (
        <li key={event.id}>
          <When at={event.at} /> — {event.from ? `${statusText(event.from)} → ` : 'opened: '}
          <strong>{statusText(event.to)}</strong>{' '}
          <span class="meta">
            by {event.by} (<code>{event.actor.type}:{event.actor.id}</code>), attempt {event.attempt}: {event.reason}
          </span>
        </li>
      ))}
    </ol>
  );
}

function DecisionForm({ kycCase, onDecided }: { kycCase: KycAdminCase; onDecided: (message: string) => void }) {
  const [decision, setDecision] = useState<Decision>('approve');
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const send = async () => {
    setConfirming(false);
    setBusy(true);
    setError(null);
    try {
      await apiCall(`/v1/admin/kyc/${encodeURIComponent(kycCase.id)}/decision`, { method: 'POST', body: { decision, reason: reason.trim() } satisfies KycDecision });
      setReason('');
      onDecided(`Decision recorded: ${DECISION_LABELS[decision].toLowerCase()}.`);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      class="stack card"
      aria-labelledby="decide-title"
      onSubmit={(e) => {
        e.preventDefault();
        setConfirming(true);
      }}
    >
      <h2 id="decide-title">Decision</h2>
      <fieldset>
        <legend>Outcome</legend>
        {DECISIONS.map((d) => (
          <label key={d} class="inline">
            <input type="radio" name="decision" value={d} checked={decision === d} onChange={() => setDecision(d)} /> {DECISION_LABELS[d]}
          </label>
        ))}
      </fieldset>
      <label>
        Reason (shown to the applicant, and audited)
        <textarea name="reason" required maxLength={500} rows={3} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </label>
      {error !== null && <ErrorBox error={error} />}
      <button type="submit" class="primary" disabled={busy || reason.trim() === ''}>
        {busy ? 'Sending…' : `${DECISION_LABELS[decision]}…`}
      </button>
      {confirming && (
        <ConfirmDialog
          title={`${DECISION_LABELS[decision]} this case?`}
          confirmLabel={DECISION_LABELS[decision]}
          danger={decision !== 'approve'}
          onConfirm={() => void send()}
          onCancel={() => setConfirming(false)}
        >
          <p>
            {kycCase.applicant.firstName} {kycCase.applicant.lastName}, attempt {kycCase.attempt}. Reason: “{reason.trim()}”
          </p>
        </ConfirmDialog>
      )}
    </form>
  );
}

export function CasePage() {
  const { params } = useRoute();
  const caseId = params.caseId ?? '';
  const session = useSession();
  const admin = isAdmin(session);
  const [notice, setNotice] = useState<string | null>(null);
  const kycCase = useLoad(() => loadCase(caseId), [caseId]);
  const audit = useLoad(() => (admin ? auditOf(caseId) : Promise.resolve(null)), [caseId, admin]);

  const refresh = (message: string) => {
    setNotice(message);
    kycCase.reload();
    audit.reload();
  };

  const c = kycCase.data;
  return (
    <section>
      <p>
        <a href="/kyc">← Review queue</a>
      </p>
      <PageHeading title={c ? `Case of ${c.applicant.firstName} ${c.applicant.lastName}` : 'KYC case'} />
      {notice && <Notice>{notice}</Notice>}
      {kycCase.state === 'error' && <ErrorBox error={kycCase.error} retry={kycCase.reload} />}
      {kycCase.state === 'loading' && !c && <Loading what="the case" />}
      {kycCase.state === 'ok' && c === null && <ErrorBox error={new Error(`There is no KYC case ${caseId}.`)} />}
      {c && (
        <div class="grid">
          <div class="card">
            <h2>Case</h2>
            <dl>
              <Field label="Case id"><code>{c.id}</code></Field>
              <Field label="Status"><span class={`status status-${c.status}`}>{c.status.replace('_', ' ')}</span></Field>
              <Field label="Attempt">{c.attempt} of {c.maxAttempts}</Field>
              <Field label="User">{admin ? <a href={`/users/${encodeURIComponent(c.uid)}`}>{c.uid}</a> : <code>{c.uid}</code>}</Field>
              <Field label="Opened"><When at={c.createdAt} /></Field>
              <Field label="Status since"><When at={c.statusChangedAt} /></Field>
              <Field label="Message to applicant">{c.message}</Field>
              <Field label="Labels">{c.labels.length ? c.labels.join(', ') : null}</Field>
              {c.note && <Field label="Note">{c.note}</Field>}
            </dl>
          </div>
          <div class="card">
            <h2>Applicant</h2>
            <dl>
              <Field label="Name">{c.applicant.firstName} {c.applicant.lastName}</Field>
              <Field label="Date of birth">{c.applicant.dateOfBirth}</Field>
              <Field label="Nationality">{c.applicant.nationality}</Field>
              <Field label="Address">
                {c.applicant.address.line1}
                {c.applicant.address.line2 && <>, {c.applicant.address.line2}</>}, {c.applicant.address.postalCode} {c.applicant.address.city}, {c.applicant.address.country}
              </Field>
            </dl>
            <h3>Identity document</h3>
            <dl>
              <Field label="Type">{c.applicant.document.type.replace('_', ' ')}</Field>
              <Field label="Number"><code>{c.applicant.document.number}</code></Field>
              <Field label="Issued by">{c.applicant.document.issuingCountry}</Field>
              <Field label="Expires">{c.applicant.document.expiresOn}</Field>
            </dl>
          </div>
          <div class="card">
            <h2>Provider</h2>
            {c.provider ? (
              <dl>
                <Field label="Applicant id"><code>{c.provider.applicantId}</code></Field>
                <Field label="Check id"><code>{c.provider.checkId}</code></Field>
                <Field label="Attempt">{c.provider.attempt}</Field>
              </dl>
            ) : (
              <p class="muted">Not handed to the provider yet.</p>
            )}
            <h3>Latest review</h3>
            {c.review ? (
              <dl>
                <Field label="By">{c.review.source}</Field>
                <Field label="Answer">{c.review.answer}</Field>
                <Field label="Reject type">{c.review.rejectType}</Field>
                <Field label="Labels">{c.review.labels.join(', ') || null}</Field>
                <Field label="Decided"><When at={c.review.decidedAt} /></Field>
              </dl>
            ) : (
              <p class="muted">No review yet.</p>
            )}
          </div>
          {admin && OPEN_STATUSES.includes(c.status) && <DecisionForm kycCase={c} onDecided={refresh} />}
          {!admin && <p class="muted card">Read-only: support agents can see the queue and cases; decisions are taken by admins.</p>}
        </div>
      )}
      {c && (
        <>
          <h2>Timeline</h2>
          <Timeline events={c.events} />
        </>
      )}
      {admin && (
        <>
          <h2>Audit entries</h2>
          {audit.state === 'error' && <ErrorBox error={audit.error} retry={audit.reload} />}
          {audit.state === 'loading' && !audit.data && <Loading what="the audit entries" />}
          {audit.data && <AuditList entries={audit.data} />}
        </>
      )}
    </section>
  );
}
