//! nnhw-gradescope: a Gradescope autograder. Not yet written.
