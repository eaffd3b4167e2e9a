/*
 * write_file.c - mg_write_file: writing an output file without ever leaving
 * it half-written, and without replacing what the user meant to write
 * through.
 *
 * The rules, by what the name is (documented in mlopsgraph.h and README):
 * - nothing yet, or a regular file with one name: a new file is written
 *   beside it and renamed over it once complete, so a failure leaves the
 *   old file as it was. The new file keeps the old one's mode, and its
 *   owner where the process may set it; a new name gets 0666 less the
 *   umask, as the kernel applies it (the umask is never changed, which
 *   another thread would see).
 * - a symbolic link: followed; the rename happens beside its target, so the
 *   link stays a link and its target gets the new content.
 * - anything else (a character device such as /dev/null or a terminal, a
 *   FIFO, a socket), and a regular file with more than one name (a hard
 *   link): written in place, through the name, as a shell's '>' would;
 *   replacing it would break the link or replace a device node. A failure
 *   in the middle of such a write can leave it partly written.
 * The same rules as vim's 'backupcopy=auto' and GNU sed -i --follow-symlinks.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

static int write_all(int fd, const char *data, size_t len)
{
    while (len) {
        ssize_t n = write(fd, data, len);

        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

/* fsync where it means something: a pipe or a terminal cannot be synced. */
static int sync_fd(int fd)
{
    return fsync(fd) == 0 || errno == EINVAL || errno == EROFS || errno == ENOTSUP ? 0 : -1;
}

static mg_status write_in_place(const char *path, const char *data, size_t len, mg_error *err)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOCTTY, 0666);

    if (fd < 0)
        return mgi_error(err, MG_EIO, path, 0, 0, "cannot write: %s", strerror(errno));
    if (write_all(fd, data, len) < 0 || sync_fd(fd) < 0) {
        mg_status st = mgi_error(err, MG_EIO, path, 0, 0, "write error: %s", strerror(errno));

        close(fd);
        return st;
    }
    if (close(fd) != 0)
        return mgi_error(err, MG_EIO, path, 0, 0, "write error: %s", strerror(errno));
    return MG_OK;
}

/* Creates a hidden file beside `target` (".NAME.XXXXXX") with O_EXCL and the
 * given mode; its name is left in tmp. Returns the descriptor or -1. */
static int create_beside(const char *target, mode_t mode, mgi_buf *tmp)
{
    static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
    const char *slash = strrchr(target, '/');
    unsigned long long seed = (unsigned long long)getpid() * 0x9E3779B97F4A7C15ull ^
                              (unsigned long long)time(NULL) ^ (unsigned long long)(size_t)tmp;
    mgi_rng rng = { seed };
    int attempt;

    for (attempt = 0; attempt < 100; attempt++) {
        int fd, i;

        mgi_buf_clear(tmp);
        if (mgi_buf_append(tmp, target, slash ? (size_t)(slash - target + 1) : 0) < 0 ||
            mgi_buf_printf(tmp, ".%s.", slash ? slash + 1 : target) < 0)
            return errno = ENOMEM, -1;
        for (i = 0; i < 6; i++)
            if (mgi_buf_putc(tmp, digits[mgi_rng_below(&rng, sizeof digits - 1)]) < 0)
                return errno = ENOMEM, -1;
        fd = open(tmp->data, O_WRONLY | O_CREAT | O_EXCL | O_NOCTTY, mode);
        if (fd >= 0 || errno != EEXIST)
            return fd;
    }
    return -1;
}

/* The atomic case: a new file beside target, renamed over it when complete.
 * old is target's stat, or NULL when target does not exist yet. */
static mg_status replace_atomically(const char *path, const char *target, const struct stat *old,
                                    const char *data, size_t len, mg_error *err)
{
    mgi_buf tmp = { 0 };
    mg_status st = MG_OK;
    int fd = create_beside(target, old ? 0600 : 0666, &tmp);

    if (fd < 0) {
        st = errno == ENOMEM ? mgi_nomem(err)
                             : mgi_error(err, MG_EIO, path, 0, 0,
                                         "cannot create a temporary file beside it: %s",
                                         strerror(errno));
        goto out;
    }
    if (old) {
        /* the owner first: changing it may clear set-id bits the mode restores */
        if (fchown(fd, old->st_uid, old->st_gid) != 0 && errno != EPERM)
            st = mgi_error(err, MG_EIO, path, 0, 0, "cannot write: %s", strerror(errno));
        else if (fchmod(fd, old->st_mode & 07777) != 0)
            st = mgi_error(err, MG_EIO, path, 0, 0, "cannot write: %s", strerror(errno));
    }
    if (st == MG_OK && (write_all(fd, data, len) < 0 || fsync(fd) != 0))
        st = mgi_error(err, MG_EIO, path, 0, 0, "write error: %s", strerror(errno));
    if (close(fd) != 0 && st == MG_OK)
        st = mgi_error(err, MG_EIO, path, 0, 0, "write error: %s", strerror(errno));
    if (st == MG_OK && rename(tmp.data, target) != 0)
        st = mgi_error(err, MG_EIO, path, 0, 0, "cannot replace: %s", strerror(errno));
    if (st != MG_OK)
        unlink(tmp.data);
out:
    mgi_buf_free(&tmp);
    return st;
}

mg_status mg_write_file(const char *path, const char *data, size_t len, mg_error *err)
{
    struct stat st;
    char *target;
    mg_status status;

    if (!path || !*path || (!data && len))
        return mgi_error(err, MG_EINVAL, "", 0, 0, "mg_write_file: no file name or data");
    if (stat(path, &st) != 0) {
        if (errno != ENOENT)
            return mgi_error(err, MG_EIO, path, 0, 0, "cannot write: %s", strerror(errno));
        if (lstat(path, &st) == 0) /* a dangling symbolic link: create its target */
            return write_in_place(path, data, len, err);
        return replace_atomically(path, path, NULL, data, len, err);
    }
    if (S_ISDIR(st.st_mode))
        return mgi_error(err, MG_EIO, path, 0, 0, "cannot write: %s", strerror(EISDIR));
    if (!S_ISREG(st.st_mode) || st.st_nlink > 1)
        return write_in_place(path, data, len, err);
    target = realpath(path, NULL); /* the file itself, past any symbolic links */
    if (!target)
        return errno == ENOMEM ? mgi_nomem(err)
                               : mgi_error(err, MG_EIO, path, 0, 0, "cannot write: %s",
                                           strerror(errno));
    status = replace_atomically(path, target, &st, data, len, err);
    free(target);
    return status;
}
