package kr.sbert.workbench.core.hub;

import java.net.URI;

/**
 * What a {@code HEAD} on {@code {endpoint}/{id}/resolve/{rev}/{path}} says about one file.
 *
 * @param path     the file's path in the repo
 * @param commit   {@code X-Repo-Commit}
 * @param etag     {@code X-Linked-Etag} or {@code ETag}, quotes and {@code W/} stripped: the git
 *                 blob sha1, or the sha256 of the content for LFS files
 * @param size     {@code X-Linked-Size} or {@code Content-Length}; -1 when the hub gave none
 * @param location where to GET the bytes ({@code Location} of a redirect, else the resolve URL)
 */
public record FileMetadata(String path, String commit, String etag, long size, URI location) {

    /** True when the ETag is a sha256 (LFS files), which the content must hash to. */
    public boolean isLfs() {
        return etag.length() == 64 && etag.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }
}
