/** The staff user's own Security page (two-factor, recovery codes, password, other sessions), from the account menu. */
export const SECURITY_PATH = "/security";
/** Where an admin without two-factor is sent to enrol: the same page. */
export const TWO_FACTOR_PATH = SECURITY_PATH;
