/**
 * Where the encoding time goes: libtorch's own operator profiler around a piece of work
 * ({@link kr.sbert.workbench.core.model.profile.OpProfiler}), its trace read back into per-operator
 * calls and times ({@link kr.sbert.workbench.core.model.profile.OpProfile}), for {@code bench --profile}.
 */
package kr.sbert.workbench.core.model.profile;
