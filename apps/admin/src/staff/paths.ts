/** The staff user's own security page (two-factor and recovery codes), from the account menu. */
export const TWO_FACTOR_PATH = "/two-factor";
