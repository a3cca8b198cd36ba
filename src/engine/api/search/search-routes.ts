import express from 'express';
import type pg from 'pg';

/** The search and get endpoints (EVENTUAL consistency in the spec), read from the engine's tables. */
export function searchRoutes(_pool: pg.Pool): express.Router {
  return express.Router();
}
