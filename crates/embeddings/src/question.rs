//! The question of `embeddings.unseen-words`, from the params alone: the two networks,
//! the experiment that compares them, the vocabulary with every vector, the sentences
//! with their classes, the homework's statements and one prompt per answer.
//!
//! Nothing here trains or measures: the setup is all it reads.

use nnhw_core::format::count;
use nnhw_core::statement::{Inline, given, math, words};
use nnhw_core::{Form, Statement, Value};

use crate::spec::{Embeddings, Example, Setup};
use crate::statements::{STATEMENTS, Z};

/// Most words listed in each group of the vocabulary, and most sentences of each class:
/// past it a statement would be a dictionary, and the rest is counted instead.
const LISTED: usize = 100;

/// The question.
pub fn statement(setup: &Setup) -> Statement {
    let mut s = Statement::default();
    s.say(format!(
        "Two networks classify sequences of words into class 1 or class 0. They are identical \
         but for their input. The one-hot network reads each word as a one-hot vector over \
         the whole dictionary of {}, which holds every word of the vocabulary below, seen in \
         training or not. The embedding network reads each word's pre-trained embedding, a \
         vector of {}.",
        count(setup.words.len(), "word", "words"),
        count(setup.width(), "number", "numbers"),
    ));
    s.paragraph([
        words(format!(
            "A sequence's input is the mean of its words' vectors. Each network has one hidden \
             layer of {} with tanh activations and 2 outputs, one per class, read through a \
             softmax; the class with the larger output is the prediction (class 0 on a tie). \
             Both networks start from random weights and train on the same training sequences, \
             minimising the cross-entropy by SGD, one sequence at a time in a freshly shuffled \
             order every epoch, with learning rate ",
            count(setup.hidden, "unit", "units"),
        )),
        math("eta", "η"),
        words(format!(
            " = {}, for {}.",
            nnhw_core::format::number(setup.eta),
            count(setup.epochs as usize, "epoch", "epochs")
        )),
    ]);
    s.say(match setup.embeddings {
        Embeddings::Given => {
            "embeddings = given: the embedding network reads the vectors of the vocabulary \
             below, the same in every trial."
        }
        Embeddings::Noise => {
            "embeddings = noise: the embedding network does not read the vectors below. In \
             every trial each word gets a fresh random vector instead, each coordinate drawn \
             uniformly between the smallest and the largest value that coordinate takes in \
             the vocabulary: an embedding that carries no information. The vectors below only \
             set that box."
        }
    });
    s.say(format!(
        "The experiment runs {}, its random numbers drawn from seed {}: each trial draws new \
         initial weights{}, trains both networks afresh and tests them on the test sequences. \
         A network's accuracy in a trial is the fraction of the test sequences it classifies \
         correctly.",
        count(setup.trials as usize, "trial", "trials"),
        setup.seed,
        match setup.embeddings {
            Embeddings::Given => "",
            Embeddings::Noise => " and new word vectors",
        },
    ));
    vocabulary(&mut s, setup);
    sentences(&mut s, setup, "training", &setup.train);
    sentences(&mut s, setup, "test", &setup.test);
    let seen = setup.seen();
    let seen_in_test = setup
        .test
        .iter()
        .flat_map(|e| &e.words)
        .filter(|&&w| seen[w])
        .count();
    s.say(if seen_in_test == 0 {
        "Every word of the test sequences is one never seen in training.".to_string()
    } else {
        format!(
            "The test sequences also hold words seen in training ({}).",
            count(seen_in_test, "occurrence", "occurrences")
        )
    });
    s.say(format!(
        "Each statement below is judged from the experiment. A network's accuracy is its mean \
         test accuracy over the trials, with a 99 % interval of {Z} standard errors on either \
         side (from the spread of the per-trial accuracies, never narrower than the binomial \
         one of all test predictions pooled). A network cannot classify the test sequences \
         when chance, one half, lies in its interval; for (a) the first-layer weights of \
         the unseen words must also stay at their random start in every trial. A network has \
         a fighting chance when its interval lies wholly above one half. Two networks perform \
         alike when each one's mean lies in the other's interval."
    ));
    s.items(
        STATEMENTS
            .iter()
            .map(|&(label, said)| (label.to_string(), vec![words(format!("{said}."))]))
            .collect(),
    );
    s.say("Which statements are true?");

    let labels = STATEMENTS.iter().map(|(l, _)| l.to_string()).collect();
    let trials = count(setup.trials as usize, "trial", "trials");
    s.prompt(
        "true_statements",
        "Which of the statements are true?",
        Form::Labels(labels),
    );
    s.prompt(
        "one_hot_accuracy",
        format!("What is the one-hot network's test accuracy, as the mean over the {trials}?"),
        Form::Number,
    );
    s.prompt(
        "embedding_accuracy",
        format!("What is the embedding network's test accuracy, as the mean over the {trials}?"),
        Form::Number,
    );
    s.prompt(
        "unseen_weights_unchanged",
        format!(
            "In the one-hot network, do the first-layer weights of the words never seen in \
             training stay at their random start, bit for bit, in all {trials}?"
        ),
        Form::Bool,
    );
    s
}

/// The vocabulary in two paragraphs, words seen in training and words never seen, each
/// word with its vector.
fn vocabulary(s: &mut Statement, setup: &Setup) {
    s.say(format!(
        "The vocabulary, each word with its {} vector ({}):",
        match setup.embeddings {
            Embeddings::Given => "embedding",
            Embeddings::Noise => "given",
        },
        count(setup.words.len(), "word", "words")
    ));
    let seen = setup.seen();
    for (group, wanted) in [
        ("Seen in training: ", true),
        ("Never seen in training: ", false),
    ] {
        let members: Vec<usize> = (0..setup.words.len())
            .filter(|&w| seen[w] == wanted)
            .collect();
        if members.is_empty() {
            continue;
        }
        let mut pieces = vec![words(group)];
        for (i, &w) in members.iter().take(LISTED).enumerate() {
            if i > 0 {
                pieces.push(words(", "));
            }
            pieces.push(words(format!("{} ", setup.words[w])));
            pieces.push(given(Value::numbers(&setup.vectors[w])));
        }
        pieces.push(words(format!("{}.", more(members.len()))));
        s.paragraph(pieces);
    }
}

/// The sentences of `examples` (`kind` says which: training, test), class 1 first, each
/// as the list of its words.
fn sentences(s: &mut Statement, setup: &Setup, kind: &str, examples: &[Example]) {
    let mut pieces: Vec<Inline> = vec![words(format!(
        "The {} {kind} {}.",
        examples.len(),
        if examples.len() == 1 {
            "sequence"
        } else {
            "sequences"
        }
    ))];
    let mut first = true;
    for class in [1, 0] {
        let of: Vec<&Example> = examples.iter().filter(|e| e.label == class).collect();
        if of.is_empty() {
            continue;
        }
        let lead = if first { " Of" } else { "; of" };
        first = false;
        pieces.push(words(format!("{lead} class {class}: ")));
        for (i, e) in of.iter().take(LISTED).enumerate() {
            if i > 0 {
                pieces.push(words(", "));
            }
            let said: Vec<&str> = e.words.iter().map(|&w| setup.words[w].as_str()).collect();
            pieces.push(given(Value::texts(&said)));
        }
        pieces.push(words(more(of.len())));
    }
    pieces.push(words("."));
    s.paragraph(pieces);
}

/// What follows a list cut at [`LISTED`]: nothing, or how many more there are.
fn more(total: usize) -> String {
    if total > LISTED {
        format!(", and {} more", total - LISTED)
    } else {
        String::new()
    }
}

#[cfg(test)]
pub(crate) mod tests;
