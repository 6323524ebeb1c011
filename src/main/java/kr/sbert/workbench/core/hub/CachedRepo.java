package kr.sbert.workbench.core.hub;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One model repo found in the hub cache.
 *
 * @param repoId      {@code org/name}
 * @param folder      its {@code models--org--name} folder
 * @param refs        revision (branch, tag, {@code refs/pr/N}) → commit, from {@code refs/}
 * @param snapshots   commit hashes with a folder under {@code snapshots/}
 * @param sizeOnDisk  bytes of the regular files under the folder (blobs, copies, partial downloads;
 *                    symlinks are not counted twice)
 */
public record CachedRepo(String repoId, Path folder, Map<String, String> refs, List<String> snapshots,
                         long sizeOnDisk) {
    public CachedRepo {
        refs = Map.copyOf(refs);
        snapshots = List.copyOf(snapshots);
    }
}
