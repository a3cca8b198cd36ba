import type { CamundaClient } from '@camunda8/orchestration-cluster-api';
import express, { type Router } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { hashFeedbackToken } from '../../domain/complaints/feedback-token.js';
import { HttpError } from '../http-error.js';
import { rateLimit, type RateLimitOptions } from '../security/rate-limit.js';

/** The message the complaint process waits for after sending the link (processes/complaint-handling.md, 26a). */
const MESSAGE = 'complaint-satisfaction';
/** Covers the moment between the mail going out and the process reaching its message catch. */
const MESSAGE_TTL_MS = 60 * 60 * 1000;

const answer = z
  .object({
    satisfaction: z.number().int().min(1).max(5),
    comment: z.string().trim().max(2000).optional(),
  })
  .strict();

interface FeedbackRow {
  complaint_id: number;
  tracking_code: string;
  expires_at: Date;
  responded_at: Date | null;
}

const GONE = () => new HttpError(404, 'link-not-valid', 'This link is not valid or has expired.');

/**
 * The member's personal satisfaction link (R-ISO-05), no sign-in: GET /api/public/feedback/:token
 * tells whether it can still be answered; POST sends the 1–5 score and comment to the waiting
 * complaint process as its `complaint-satisfaction` message, once.
 */
export function feedbackRoutes(db: Knex, client: CamundaClient, limit: RateLimitOptions): Router {
  const router = express.Router();

  async function openLink(token: string): Promise<FeedbackRow> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw GONE();
    const row = (await db('complaint_feedback as f')
      .join('complaints as c', 'c.id', 'f.complaint_id')
      .where('f.token_hash', hashFeedbackToken(token))
      .first('f.complaint_id', 'c.tracking_code', 'f.expires_at', 'f.responded_at')) as
      FeedbackRow | undefined;
    if (!row || row.expires_at <= new Date()) throw GONE();
    return row;
  }

  router.get('/public/feedback/:token', rateLimit(limit), async (req, res) => {
    const row = await openLink(req.params.token as string);
    res.json({
      trackingCode: row.tracking_code,
      expiresAt: row.expires_at.toISOString(),
      answered: row.responded_at !== null,
    });
  });

  router.post('/public/feedback/:token', rateLimit(limit), async (req, res) => {
    const row = await openLink(req.params.token as string);
    if (row.responded_at)
      throw new HttpError(409, 'already-answered', 'This survey has been answered already.');
    const body = answer.safeParse(req.body);
    if (!body.success)
      throw new HttpError(
        400,
        'bad-request',
        'satisfaction must be a whole number from 1 to 5; comment at most 2000 characters.',
      );
    try {
      await client.publishMessage({
        name: MESSAGE,
        correlationKey: row.tracking_code,
        timeToLive: MESSAGE_TTL_MS,
        messageId: `complaint-feedback:${row.complaint_id}`,
        variables: {
          satisfaction: body.data.satisfaction,
          ...(body.data.comment ? { satisfactionComment: body.data.comment } : {}),
        },
      } as never);
    } catch (err) {
      // The same message id while the first answer is still buffered: answered already.
      if ((err as { status?: unknown }).status === 409)
        throw new HttpError(409, 'already-answered', 'This survey has been answered already.');
      throw err;
    }
    res.status(202).json({ received: true });
  });

  return router;
}
