/**
 * The provider API proper: applicants and checks. Fault injection applies
 * here (mounted in app.ts), never on the control plane.
 */
import { Router } from 'express';
import type { Context } from '../context';
import { problems } from '../problem';
import { applicantView, checkView } from '../store';
import { jsonBody, parseApplicant, parseCheck } from '../validation';

/** Routes under /v1 for applicants and checks. */
export function apiRouter(ctx: Context): Router {
  const { store, idempotency, decider, log, config } = ctx;
  const router = Router();

  router.post('/applicants', (req, res) => {
    idempotency.run(req, res, 'POST /v1/applicants', () => {
      const applicant = store.addApplicant(parseApplicant(jsonBody(req)), new Date());
      log('applicant.created', { applicantId: applicant.id, requestId: res.locals.requestId as string });
      return { status: 201, body: applicantView(applicant), headers: { Location: `/v1/applicants/${applicant.id}` } };
    });
  });

  router.get('/applicants/:id', (req, res) => {
    res.json(applicantView(store.applicant(req.params.id)));
  });

  router.post('/applicants/:id/checks', (req, res) => {
    idempotency.run(req, res, `POST /v1/applicants/${req.params.id}/checks`, () => {
      const applicant = store.applicant(req.params.id);
      const input = parseCheck(jsonBody(req));
      const callbackUrl = input.callbackUrl ?? config.callbackUrl;
      if (!callbackUrl) throw problems.callbackUrlRequired();
      const check = store.addCheck(applicant, { caseId: input.caseId, attempt: input.attempt, callbackUrl }, new Date());
      decider.schedule(check);
      log('check.created', { checkId: check.id, applicantId: applicant.id, caseId: check.caseId, attempt: check.attempt });
      return { status: 202, body: checkView(check, store), headers: { Location: `/v1/checks/${check.id}` } };
    });
  });

  router.get('/checks/:id', (req, res) => {
    res.json(checkView(store.check(req.params.id), store));
  });

  return router;
}
