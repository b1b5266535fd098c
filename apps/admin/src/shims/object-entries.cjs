// node-polyglot's `require("object.entries")` polyfill (and the get-intrinsic tree under it), in a
// browser that has had Object.entries for years.
module.exports = Object.entries;
