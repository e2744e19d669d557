/**
 * HTTP handlers of the profile routes: the only users/ code touching req/res.
 * They read validated input from res.locals (see http/validate.ts), call the
 * service and shape the response (status, ETag, Location).
 */
import type { Response } from 'express';
import { userOf } from '../http/auth';
import { asyncHandler as wrap } from '../http/async-handler';
import { callContext } from '../http/call-context';
import { etagOf } from './etag';
import type { UsersService } from './users.service';
import type { Profile, ProfileUpdate, SignUp } from './users.schemas';

/** Send a profile with its ETag. */
export function sendProfile(res: Response, profile: Profile, status = 200): void {
  res.status(status).setHeader('ETag', etagOf(profile.version));
  // A personal resource: never stored by shared caches.
  res.setHeader('Cache-Control', 'private, no-store');
  res.json(profile);
}

export function usersHandlers(service: UsersService) {
  return {
    signUp: wrap(async (req, res) => {
      const profile = await service.signUp(res.locals.body as SignUp, callContext(req, res));
      // Relative to .../v1/users, so it resolves under whatever prefix the function is mounted at.
      res.setHeader('Location', 'me');
      sendProfile(res, profile, 201);
    }),
    getMe: wrap(async (req, res) => {
      sendProfile(res, await service.getMe(userOf(res), callContext(req, res)));
    }),
    patchMe: wrap(async (req, res) => {
      const profile = await service.updateMe(userOf(res), res.locals.body as ProfileUpdate, req.get('if-match'), callContext(req, res));
      sendProfile(res, profile);
    }),
    deleteMe: wrap(async (req, res) => {
      await service.eraseMe(userOf(res), callContext(req, res));
      res.status(204).end();
    }),
    exportMe: wrap(async (req, res) => {
      const data = await service.exportMe(userOf(res), callContext(req, res));
      res.setHeader('Cache-Control', 'private, no-store');
      res.setHeader('Content-Disposition', 'attachment; filename="novafacies-data-export.json"');
      res.json(data);
    }),
  };
}
