// react-admin's own pages for the rare cases, in a chunk of their own (see admin.tsx).
export { AccessDenied, AuthCallback, AuthenticationError, Error, NotFound } from "react-admin";
