package kr.sbert.workbench.core.train;

import java.io.IOException;
import kr.sbert.workbench.core.model.TrainingSession;

/** Where a run's models go: the best one so far (replaced as it improves) and the final one. */
public interface ModelSink {
    /** Writes the session's current model as the best so far. */
    void saveBest(TrainingSession session, EvalRecord eval) throws IOException;

    /** Writes the session's current model as the run's result. */
    void saveFinal(TrainingSession session) throws IOException;

    /** Keeps nothing (tests, dry runs). */
    ModelSink NONE = new ModelSink() {
        @Override
        public void saveBest(TrainingSession session, EvalRecord eval) {
        }

        @Override
        public void saveFinal(TrainingSession session) {
        }
    };
}
