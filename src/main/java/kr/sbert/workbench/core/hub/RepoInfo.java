package kr.sbert.workbench.core.hub;

import java.util.List;

/**
 * A repo at one revision, from {@code GET /api/models/{id}/revision/{rev}}.
 *
 * @param repoId   {@code org/name}
 * @param commit   the commit the revision resolved to (40 hex digits)
 * @param siblings every file path in the repo at that commit ({@code siblings[].rfilename})
 */
public record RepoInfo(String repoId, String commit, List<String> siblings) {
    public RepoInfo {
        siblings = List.copyOf(siblings);
    }
}
