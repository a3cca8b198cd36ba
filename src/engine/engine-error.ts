/** A command the engine rejects, with Zeebe's rejection type (mapped to an HTTP status by the API). */
export type RejectionType = 'NOT_FOUND' | 'INVALID_STATE' | 'INVALID_ARGUMENT';

export class EngineRejection extends Error {
  constructor(
    readonly type: RejectionType,
    message: string,
  ) {
    super(message);
    this.name = 'EngineRejection';
  }
}

export const notFound = (message: string) => new EngineRejection('NOT_FOUND', message);
export const invalidState = (message: string) => new EngineRejection('INVALID_STATE', message);
export const invalidArgument = (message: string) => new EngineRejection('INVALID_ARGUMENT', message);
