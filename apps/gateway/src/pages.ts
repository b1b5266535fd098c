/**
 * The few HTML pages a seller may see instead of a redirect. Static text: nothing from the request is
 * echoed. No icon to fetch (an empty data: icon, so the browser asks for no /favicon.ico, which would
 * be a 404 here); served with PAGE_HEADERS.
 */
const page = (title: string, heading: string, body: string, description: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="description" content="${description}">
<link rel="icon" href="data:,">
<title>${title}</title>
<style>
  body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; min-height: 100vh; display: grid; place-items: center; background: #f7f7f8; color: #161823; }
  main { max-width: 32rem; padding: 2rem; background: #fff; border-radius: 12px; box-shadow: 0 1px 4px rgba(0,0,0,.08); }
  h1 { font-size: 1.4rem; margin: 0 0 .75rem; }
  p { line-height: 1.5; margin: .5rem 0; color: #4b4d55; }
</style>
</head>
<body><main><h1>${heading}</h1>${body}</main></body>
</html>`;

export const INACTIVE_PAGE = page(
  "Link inactive",
  "This referral link is inactive",
  "<p>The partner who shared this link has paused it, so it does not lead to TikTok Shop right now.</p><p>Ask the partner for a current link, or try again later.</p>",
  "This TikTok Shop referral link is paused by the partner who shared it.",
);

export const NOT_FOUND_PAGE = page(
  "Link not found",
  "This link does not exist",
  "<p>We could not find a TikTok Shop referral link at this address. Check that it was copied completely.</p>",
  "No TikTok Shop referral link exists at this address.",
);

export const UNAVAILABLE_PAGE = page(
  "Temporarily unavailable",
  "This link is temporarily unavailable",
  "<p>We could not look this link up just now. Please try again in a minute.</p>",
  "This TikTok Shop referral link could not be looked up just now.",
);

/** The pages run no script and load nothing but their inline style; nobody may frame them. */
export const PAGE_HEADERS = {
  "content-security-policy":
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};
