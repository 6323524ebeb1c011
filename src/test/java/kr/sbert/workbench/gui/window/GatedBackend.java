package kr.sbert.workbench.gui.window;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import kr.sbert.workbench.core.data.SentencePair;
import kr.sbert.workbench.core.eval.PairScorer;
import kr.sbert.workbench.core.model.ModelInfo;
import kr.sbert.workbench.core.task.CancelToken;
import kr.sbert.workbench.core.task.CancelledException;
import kr.sbert.workbench.core.task.ProgressListener;
import kr.sbert.workbench.core.text.TextTokenizer;
import kr.sbert.workbench.gui.service.CatalogVariant;
import kr.sbert.workbench.gui.service.CoreBackend;
import kr.sbert.workbench.gui.service.LoadedModel;
import kr.sbert.workbench.gui.service.ModelEvaluation;
import kr.sbert.workbench.gui.service.PairFile;
import kr.sbert.workbench.gui.service.PairedDifference;
import kr.sbert.workbench.gui.service.WorkbenchBackend;

/**
 * The real core, except that scoring waits at a gate (checking its cancel token) until the
 * test opens it: a scoring run that is reliably still running when the test clicks Cancel.
 */
final class GatedBackend implements WorkbenchBackend {
    private final CoreBackend core = new CoreBackend();
    final CountDownLatch gate = new CountDownLatch(1);

    @Override
    public List<String> baselines() {
        return core.baselines();
    }

    @Override
    public List<CatalogVariant> catalog() {
        return core.catalog();
    }

    @Override
    public LoadedModel load(String id, ProgressListener progress, CancelToken cancel) throws Exception {
        LoadedModel real = core.load(id, progress, cancel);
        PairScorer gated = new PairScorer() {
            @Override
            public String name() {
                return real.scorer().name();
            }

            @Override
            public double[] score(List<SentencePair> pairs, ProgressListener p, CancelToken c) throws CancelledException {
                try {
                    while (!gate.await(10, TimeUnit.MILLISECONDS)) {
                        c.throwIfCancelled();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancelledException();
                }
                return real.scorer().score(pairs, p, c);
            }
        };
        return new LoadedModel() {
            @Override
            public String id() {
                return real.id();
            }

            @Override
            public PairScorer scorer() {
                return gated;
            }

            @Override
            public Optional<TextTokenizer> tokenizer() {
                return real.tokenizer();
            }

            @Override
            public Optional<ModelInfo> info() {
                return real.info();
            }

            @Override
            public void close() {
                real.close();
            }
        };
    }

    @Override
    public PairFile readPairs(Path file) throws Exception {
        return core.readPairs(file);
    }

    @Override
    public PairFile readPairs(Path file, kr.sbert.workbench.core.data.ReadOptions options) throws Exception {
        return core.readPairs(file, options);
    }

    @Override
    public void writePairs(Path file, List<SentencePair> pairs) throws Exception {
        core.writePairs(file, pairs);
    }

    @Override
    public ModelEvaluation evaluate(String model, List<SentencePair> pairs, double[] cosine, CancelToken cancel)
            throws Exception {
        return core.evaluate(model, pairs, cosine, cancel);
    }

    @Override
    public PairedDifference compare(List<SentencePair> pairs, ModelEvaluation a, ModelEvaluation b, CancelToken cancel)
            throws Exception {
        return core.compare(pairs, a, b, cancel);
    }

    @Override
    public PairFile samplePairs() throws Exception {
        return core.samplePairs();
    }
}
