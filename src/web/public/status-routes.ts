import express, { type Router } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { publicComplaintStatus } from '../../domain/complaints/public-status.js';
import { HttpError } from '../http-error.js';
import { rateLimit, type RateLimitOptions } from '../security/rate-limit.js';

const lookup = z.object({ trackingCode: z.string().max(64), phone: z.string().max(32) }).strict();

/**
 * POST /api/public/complaint-status `{trackingCode, phone}`: no sign-in. A POST so the phone number
 * stays out of URLs and logs; rate-limited per IP; one answer (404) for an unknown code and a wrong
 * phone alike, so it reveals nothing about other cases.
 */
export function publicStatusRoutes(db: Knex, limit: RateLimitOptions): Router {
  const router = express.Router();
  router.post('/public/complaint-status', rateLimit(limit), async (req, res) => {
    const body = lookup.safeParse(req.body);
    if (!body.success) throw new HttpError(400, 'bad-request', 'trackingCode and phone are required.');
    const status = await publicComplaintStatus(db, body.data.trackingCode, body.data.phone);
    if (!status)
      throw new HttpError(404, 'not-found', 'No complaint matches this tracking code and phone number.');
    res.json(status);
  });
  return router;
}
