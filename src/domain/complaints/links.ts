/**
 * The addresses of the web app that messages point to. One place, so that the web app's routes and
 * the links in mail agree.
 */
const base = (publicBaseUrl: string) => publicBaseUrl.replace(/\/+$/, '');

/** The public page where a complainant enters a tracking code to see the state of the case. */
export function complaintStatusUrl(publicBaseUrl: string): string {
  return `${base(publicBaseUrl)}/complaints/status`;
}

/** The member's personal satisfaction link (R-ISO-05); the token is in the path. */
export function feedbackUrl(publicBaseUrl: string, token: string): string {
  return `${base(publicBaseUrl)}/feedback/${encodeURIComponent(token)}`;
}

/** The staff task inbox (کارتابل). */
export function staffInboxUrl(publicBaseUrl: string): string {
  return `${base(publicBaseUrl)}/inbox`;
}

/** The staff page of one complaint. */
export function complaintCaseUrl(publicBaseUrl: string, complaintId: number): string {
  return `${base(publicBaseUrl)}/complaints/${complaintId}`;
}

/** The staff page of one corrective action. */
export function correctiveActionUrl(publicBaseUrl: string, actionId: number): string {
  return `${base(publicBaseUrl)}/corrective-actions/${actionId}`;
}
