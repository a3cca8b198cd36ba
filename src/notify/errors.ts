/** One problem with the input of a notification: which field, and what is wrong with it. */
export interface NotificationIssue {
  /** Dotted path of the field, e.g. `data.trackingCode` or `to`. */
  readonly field: string;
  readonly message: string;
}

/**
 * A notification that cannot be built: unknown template, missing or malformed data, a bad address.
 * Thrown at enqueue time, inside the caller's transaction, so nothing half-made is ever stored.
 */
export class NotificationInputError extends Error {
  override readonly name: string = 'NotificationInputError';
  constructor(
    readonly issues: readonly NotificationIssue[],
    /** The template the input was meant for, when there is one. */
    readonly template?: string,
  ) {
    super(
      `${template ? `Invalid notification for template "${template}"` : 'Invalid notification'}: ` +
        issues.map((i) => `${i.field}: ${i.message}`).join('; '),
    );
  }
}

/** A template name that the registry does not know. */
export class UnknownTemplateError extends NotificationInputError {
  constructor(
    template: string,
    readonly known: readonly string[],
  ) {
    super([{ field: 'template', message: `unknown template "${template}"; known: ${known.join(', ')}` }]);
  }
  override readonly name: string = 'UnknownTemplateError';
}

/**
 * A failed delivery attempt. `permanent` says retrying cannot help (the server refused the
 * recipient, the provider rejected the number): the dispatcher then gives up at once.
 */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  constructor(
    message: string,
    readonly permanent: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
