/** Find-or-create pairs (Zapier's searchOrCreates), keyed by the search key. */
export default {};
