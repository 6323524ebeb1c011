package kr.sbert.workbench.core.model;

/**
 * glibc's {@code malloc_trim(0)}: hands the free pages of every malloc arena back to the
 * kernel. libtorch allocates CPU tensors with malloc; a training step's activations and
 * gradients of a few megabytes each land in the arenas, and the holes they leave when freed
 * stay resident, so without trimming the process carries a step's worth of freed memory into
 * the next. Touches no tensor: numbers are unchanged. A no-op where glibc is not found.
 */
final class NativeHeap {

    /** glibc's {@code M_MMAP_THRESHOLD}. */
    private static final int M_MMAP_THRESHOLD = -3;

    private static final Libc.CLib LIBC = load();

    private NativeHeap() {
    }

    /** libc when its heap functions are there (musl has no {@code malloc_trim}), else null. */
    private static Libc.CLib load() {
        Libc.CLib lib = Libc.get();
        if (lib == null) {
            return null;
        }
        try {
            lib.malloc_trim(0); // fails here, not in a training step, if the symbol is missing (musl)
            return lib;
        } catch (Throwable e) { // UnsatisfiedLinkError
            return null;
        }
    }

    /**
     * Allocations of at least {@code bytes} get pages of their own, returned to the kernel when
     * freed, instead of arena space: glibc otherwise raises this threshold to the size of each
     * large block freed (up to 32 MB), so a step's tensors of a few megabytes fill the arenas with
     * holes that later tensors fit only in part. Process-wide and kept (glibc's dynamic threshold
     * stays off afterwards); false if not available on this system.
     */
    static boolean mmapAbove(int bytes) {
        if (LIBC == null) {
            return false;
        }
        return LIBC.mallopt(M_MMAP_THRESHOLD, bytes) == 1;
    }

    /** Returns free arena memory to the kernel; false if not available on this system. */
    static boolean trim() {
        if (LIBC == null) {
            return false;
        }
        LIBC.malloc_trim(0);
        return true;
    }
}
