/**
 * SMS providers behind one interface (domain.md §5). The logging provider is the default: it sends
 * nothing, logs, and remembers what it was given. Kavenegar is called over its REST API with fetch.
 */
import type { Logger } from 'pino';
import { DeliveryError } from './errors.js';
import { maskMobile, normaliseIranianMobile } from './phone-number.js';

export interface SmsMessage {
  /** An Iranian mobile number; providers normalise it to 09xxxxxxxxx. */
  readonly to: string;
  readonly text: string;
  /** Our own id of the message (the outbox row id), passed on where the provider takes one. */
  readonly reference?: string;
}

export interface SmsProvider {
  readonly name: string;
  /** Resolves when the provider has taken the message; a DeliveryError says whether to retry. */
  send(message: SmsMessage, options?: { signal?: AbortSignal }): Promise<{ providerMessageId: string }>;
}

/** The number as providers want it; one that is not a mobile number can never be delivered. */
function receptorOf(to: string): string {
  try {
    return normaliseIranianMobile(to);
  } catch (err) {
    throw new DeliveryError((err as Error).message, true, { cause: err });
  }
}

export interface LoggedSms {
  readonly to: string;
  readonly text: string;
  readonly reference: string | undefined;
  readonly providerMessageId: string;
  readonly at: Date;
}

/**
 * Sends nothing: logs each message (number masked) and keeps the last `keep` (default 1000) in
 * `sent`, oldest first, for tests and for a look in development.
 */
export class LoggingSmsProvider implements SmsProvider {
  readonly name = 'log';
  readonly sent: LoggedSms[] = [];
  private counter = 0;
  private readonly log: Logger;

  constructor(
    logger: Logger,
    private readonly keep = 1000,
  ) {
    this.log = logger.child({ component: 'sms', provider: 'log' });
  }

  async send(message: SmsMessage): Promise<{ providerMessageId: string }> {
    const to = receptorOf(message.to);
    const providerMessageId = `log-${++this.counter}`;
    this.sent.push({
      to,
      text: message.text,
      reference: message.reference,
      providerMessageId,
      at: new Date(),
    });
    if (this.sent.length > this.keep) this.sent.splice(0, this.sent.length - this.keep);
    this.log.info(
      { to: maskMobile(to), reference: message.reference, text: message.text },
      'SMS (not sent: logging provider)',
    );
    return { providerMessageId };
  }

  clear(): void {
    this.sent.length = 0;
  }
}

export interface KavenegarOptions {
  readonly apiKey: string;
  /** The sender line; the account's default line when not given. */
  readonly sender?: string;
  /** Default `https://api.kavenegar.com/v1`; tests point it at a local stand-in. */
  readonly baseUrl?: string;
  /** Default 15 s. */
  readonly timeoutMs?: number;
  readonly logger?: Logger;
}

/**
 * Kavenegar's `return.status` codes that no retry can fix: 411 invalid receptor, 413 empty or
 * too long message, 420 links not allowed for this account, 422 characters it cannot process.
 * Everything else (402 failed, 409 server busy, 418 no credit, 403 bad key…) is retried.
 */
const KAVENEGAR_PERMANENT = new Set([411, 413, 420, 422]);

interface KavenegarResponse {
  readonly return?: { readonly status?: number; readonly message?: string };
  readonly entries?: readonly { readonly messageid?: number | string; readonly status?: number }[];
}

/**
 * Kavenegar REST: `POST {baseUrl}/{API_KEY}/sms/send.json`, form-encoded `receptor`, `message`,
 * `sender`, `localid`; the answer is `{ return: { status, message }, entries: [{ messageid, … }] }`
 * with status 200 on success (https://kavenegar.com/rest.html).
 */
export class KavenegarSmsProvider implements SmsProvider {
  readonly name = 'kavenegar';
  private readonly baseUrl: string;
  private readonly log: Logger | undefined;

  constructor(private readonly options: KavenegarOptions) {
    if (!options.apiKey.trim()) throw new RangeError('Kavenegar needs an API key');
    this.baseUrl = (options.baseUrl ?? 'https://api.kavenegar.com/v1').replace(/\/+$/, '');
    this.log = options.logger?.child({ component: 'sms', provider: 'kavenegar' });
  }

  async send(
    message: SmsMessage,
    sendOptions?: { signal?: AbortSignal },
  ): Promise<{ providerMessageId: string }> {
    const receptor = receptorOf(message.to);
    const body = new URLSearchParams({ receptor, message: message.text });
    if (this.options.sender) body.set('sender', this.options.sender);
    if (message.reference) body.set('localid', message.reference);
    const timeout = AbortSignal.timeout(this.options.timeoutMs ?? 15_000);
    const signal = sendOptions?.signal ? AbortSignal.any([sendOptions.signal, timeout]) : timeout;
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}/${encodeURIComponent(this.options.apiKey)}/sms/send.json`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
          accept: 'application/json',
        },
        body,
        signal,
      });
    } catch (err) {
      throw new DeliveryError(`Kavenegar unreachable: ${(err as Error).message}`, false, { cause: err });
    }
    const raw = await response.text();
    let json: KavenegarResponse | undefined;
    try {
      json = JSON.parse(raw) as KavenegarResponse;
    } catch {
      json = undefined;
    }
    const status = json?.return?.status ?? response.status;
    if (!response.ok || status !== 200) {
      const why = json?.return?.message ?? raw.slice(0, 200);
      throw new DeliveryError(
        `Kavenegar refused the message: status ${status}${why ? ` (${why})` : ''}`,
        KAVENEGAR_PERMANENT.has(status),
      );
    }
    const id = json?.entries?.[0]?.messageid;
    if (id === undefined) throw new DeliveryError('Kavenegar answered 200 without a message id', false);
    this.log?.info({ to: maskMobile(receptor), providerMessageId: String(id) }, 'SMS handed to Kavenegar');
    return { providerMessageId: String(id) };
  }
}
