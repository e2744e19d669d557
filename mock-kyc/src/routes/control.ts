/**
 * Control plane for testers: fault settings, forced outcomes, the delivery
 * log and resend. Never subject to fault injection.
 */
import { Router } from 'express';
import type { Context } from '../context';
import { problems } from '../problem';
import { checkView } from '../store';
import { jsonBody, parseFaults, parseOutcome } from '../validation';

/** Routes under /v1 for /sandbox and /deliveries. */
export function controlRouter(ctx: Context): Router {
  const { faults, store, decider, dispatcher, log } = ctx;
  const router = Router();

  router.get('/sandbox/faults', (_req, res) => {
    res.json(faults.get());
  });

  router.put('/sandbox/faults', (req, res) => {
    const { settings, seed } = parseFaults(jsonBody(req));
    const state = faults.set(settings, seed);
    log('faults.updated', { ...state });
    res.json(state);
  });

  router.delete('/sandbox/faults', (_req, res) => {
    const state = faults.reset();
    log('faults.reset', { seed: state.seed });
    res.json(state);
  });

  router.post('/sandbox/checks/:id/outcome', (req, res) => {
    const check = store.check(req.params.id);
    const event = decider.force(check, parseOutcome(jsonBody(req)));
    log('check.forced', { checkId: check.id, eventId: event.id, type: event.type });
    res.json({ check: checkView(check, store), event });
  });

  router.get('/deliveries', (req, res) => {
    const pick = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : undefined);
    const eventId = pick(req.query.eventId);
    const checkId = pick(req.query.checkId);
    res.json({ data: dispatcher.deliveries({ ...(eventId ? { eventId } : {}), ...(checkId ? { checkId } : {}) }) });
  });

  router.post('/deliveries/:eventId/resend', (req, res) => {
    const { eventId } = req.params;
    if (!dispatcher.resend(eventId)) throw problems.notFound('EVENT_NOT_FOUND', 'Event');
    log('delivery.resend', { eventId });
    res.status(202).json({ eventId, status: 'queued' });
  });

  return router;
}
