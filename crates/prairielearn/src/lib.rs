//! nnhw-prairielearn: a PrairieLearn question directory from a spec with a `[variants]`
//! table (`runner export prairielearn`). Not yet written.
