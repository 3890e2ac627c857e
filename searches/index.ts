/** Every search, keyed by its key. */
export default {};
