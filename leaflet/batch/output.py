"""The only way leaflet opens, reads, writes or removes a file in an output folder, which is untrusted input.

Anything may be in --out: what a person, a sync tool or an attacker left there. So every path below --out is walked
one folder at a time from a descriptor of --out itself (`openat` with O_DIRECTORY | O_NOFOLLOW): a folder that is a
link is refused rather than followed, and nothing it checks can be swapped for a link between the check and the
use. A file is opened with O_NOFOLLOW and O_NONBLOCK (a FIFO does not block the open) and must then be a regular
file (fstat), and is read with a size cap: a FIFO, a device or a link to /dev/zero is never read. --out itself may
be a link (the user named it).

Each file is written to a temporary file beside its target, flushed to disk, then renamed over the target in
one step: a reader sees the old file or the new one, never a mix. A rename replaces a link at the target's name,
never what it points to.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from leaflet.errors import ForeignFile, OutputError

# The largest file a leaflet writes: a PDF embeds at most a 2 MiB logo and four 3 MiB brand font files, besides
# its text and the shipped fonts (a few hundred KiB); a guide's PDF is about 1 MiB. An output larger than this,
# whatever the manifest says, is not leaflet's and is never read.
MAX_OUTPUT_BYTES = 32 * 2**20
_READ = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
_FOLDER = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC


def checked(out_dir: Path, relative: str | PurePosixPath) -> PurePosixPath:
    """`relative` as a path inside `out_dir`, refusing one that would leave it (absolute, `..`) or is no file."""
    path = PurePosixPath(relative)
    if path.is_absolute() or not path.parts or any(part in ("..", ".") for part in path.parts) or "\\" in str(path):
        raise OutputError(f"{relative}: output paths must stay inside {out_dir}")
    return path


def output_path(out_dir: Path, relative: PurePosixPath) -> Path:
    """`out_dir / relative`, refusing any path that would land outside `out_dir`."""
    target = out_dir / checked(out_dir, relative)
    if not target.resolve().is_relative_to(out_dir.resolve()):
        raise OutputError(f"{target}: this path leads outside {out_dir} (a link?); remove it and build again")
    return target


def stat_output(out_dir: Path, relative: str | PurePosixPath) -> os.stat_result | None:
    """The file's status without opening it, or None if it is not there; ForeignFile if it is not a regular file
    (a link, a FIFO, a folder) or a folder on its way is a link."""
    path = checked(out_dir, relative)
    with _folder(out_dir, path.parent) as folder:
        if folder is None:
            return None
        try:
            found = os.stat(path.name, dir_fd=folder, follow_symlinks=False)
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise OutputError(f"{out_dir / path}: cannot be read: {exc.strerror}") from None
    if not stat.S_ISREG(found.st_mode):
        raise ForeignFile(out_dir / path, _what(found.st_mode))
    return found


def read_output(out_dir: Path, relative: str | PurePosixPath, limit: int = MAX_OUTPUT_BYTES) -> bytes | None:
    """The bytes of a regular file in `out_dir` of at most `limit` bytes, or None if it is not there; ForeignFile
    if it is a link, a FIFO, a device or a folder, or is larger."""
    path = checked(out_dir, relative)
    fd = _open(out_dir, path)
    if fd is None:
        return None
    with os.fdopen(fd, "rb") as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise ForeignFile(out_dir / path, f"larger than {limit // 2**20} MiB")
    return data


def read_head(out_dir: Path, relative: str | PurePosixPath, size: int) -> bytes | None:
    """The first `size` bytes of a regular file in `out_dir` (a page's digest, a PNG's header); None if it is not
    there or is not a regular file."""
    try:
        fd = _open(out_dir, checked(out_dir, relative))
    except OutputError:
        return None
    if fd is None:
        return None
    with os.fdopen(fd, "rb") as stream:
        return stream.read(size)


def open_lock(out_dir: Path, name: str) -> int:
    """A descriptor (read-write) of the regular file `name` directly in `out_dir`, created if missing; never
    through a link (ForeignFile)."""
    path = checked(out_dir, name)
    with _folder(out_dir, path.parent, create=True) as folder:
        assert folder is not None  # created
        try:
            fd = os.open(
                name, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, 0o644, dir_fd=folder
            )
        except OSError as exc:
            raise _refused(out_dir / path, exc, folder, name) from None
    found = os.fstat(fd)
    if not stat.S_ISREG(found.st_mode):
        os.close(fd)
        raise ForeignFile(out_dir / path, _what(found.st_mode))
    return fd


def write_output(out_dir: Path, relative: str | PurePosixPath, data: bytes) -> os.stat_result:
    """Write `data` to `out_dir / relative` all at once or not at all, creating its folders (never through a
    link); the written file's status."""
    path = checked(out_dir, relative)
    with _folder(out_dir, path.parent, create=True) as folder:
        assert folder is not None  # created
        temp = f".{path.name}.{secrets.token_hex(6)}.part"
        try:
            fd = os.open(
                temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644, dir_fd=folder
            )
        except OSError as exc:
            raise OutputError(f"{(out_dir / path).parent}: cannot write here: {exc.strerror}") from None
        try:
            with os.fdopen(fd, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
                os.fchmod(stream.fileno(), 0o644)  # readable by the web server, whatever the umask
                written = os.fstat(stream.fileno())
            os.replace(temp, path.name, src_dir_fd=folder, dst_dir_fd=folder)
        except BaseException as exc:
            with contextlib.suppress(OSError):
                os.unlink(temp, dir_fd=folder)
            if isinstance(exc, OSError):
                raise OutputError(f"{out_dir / path}: cannot write: {exc.strerror}") from None
            raise
    return written


def remove_output(out_dir: Path, relative: str | PurePosixPath) -> bool:
    """Remove a regular file from `out_dir` (never a link, nor through one: ForeignFile), then the folders it
    leaves empty up to `out_dir`; whether it was there."""
    path = checked(out_dir, relative)
    with _folder(out_dir, path.parent) as folder:
        if folder is None:
            return False
        try:
            found = os.stat(path.name, dir_fd=folder, follow_symlinks=False)
            if not stat.S_ISREG(found.st_mode):
                raise ForeignFile(out_dir / path, _what(found.st_mode))
            os.unlink(path.name, dir_fd=folder)
        except FileNotFoundError:  # gone meanwhile: nothing left to remove
            return False
        except OSError as exc:
            raise OutputError(f"{out_dir / path}: cannot remove: {exc.strerror}") from None
    parent = path.parent
    while parent.parts:
        with _folder(out_dir, parent.parent) as folder:
            if folder is None:  # removed meanwhile (a dir_fd of None would mean the current folder)
                return True
            try:
                os.rmdir(parent.name, dir_fd=folder)
            except OSError:  # not empty (someone else's files) or not a folder: keep it and its parents
                return True
        parent = parent.parent
    return True


def write_atomic(target: Path, data: bytes) -> None:
    """Write `data` to `target` (a file outside any output folder: the --json report) all at once or not at all."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as exc:
        raise OutputError(f"{target.parent}: cannot write here: {exc.strerror}") from None
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        temp.chmod(0o644)
        temp.replace(target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        if isinstance(exc, OSError):
            raise OutputError(f"{target}: cannot write: {exc.strerror}") from None
        raise


def _open(out_dir: Path, path: PurePosixPath) -> int | None:
    """A read descriptor of a regular file, None if it is not there; ForeignFile if it is not a regular file."""
    with _folder(out_dir, path.parent) as folder:
        if folder is None:
            return None
        try:
            fd = os.open(path.name, _READ, dir_fd=folder)
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise _refused(out_dir / path, exc, folder, path.name) from None
    found = os.fstat(fd)
    if not stat.S_ISREG(found.st_mode):
        os.close(fd)
        raise ForeignFile(out_dir / path, _what(found.st_mode))
    os.set_blocking(fd, True)
    return fd


@contextlib.contextmanager
def _folder(out_dir: Path, relative: PurePosixPath, create: bool = False) -> Iterator[int | None]:
    """A descriptor of the folder `out_dir / relative`, walked one folder at a time without following a link
    below `out_dir`; None if a folder on the way is missing (and not `create`)."""
    opened: list[int] = []
    try:
        try:
            if create:
                out_dir.mkdir(parents=True, exist_ok=True)
            opened.append(os.open(out_dir, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC))
        except FileNotFoundError:
            yield None
            return
        except OSError as exc:
            raise OutputError(f"{out_dir}: cannot write leaflets here: {exc.strerror}") from None
        walked = out_dir
        for part in relative.parts:
            walked = walked / part
            if create:
                try:
                    os.mkdir(part, 0o755, dir_fd=opened[-1])
                except FileExistsError:  # a folder (or a link, refused just below)
                    pass
                except OSError as exc:
                    raise OutputError(f"{walked.parent}: cannot write here: {exc.strerror}") from None
            try:
                opened.append(os.open(part, _FOLDER, dir_fd=opened[-1]))
            except FileNotFoundError:
                yield None
                return
            except OSError as exc:
                found = _lstat(opened[-1], part)
                what = _what(found.st_mode) if found else str(exc.strerror)
                raise ForeignFile(walked, what, f"leaflet writes only into real folders inside {out_dir}") from None
        yield opened[-1]
    finally:
        for fd in opened:
            os.close(fd)


def _refused(path: Path, exc: OSError, folder: int, name: str) -> OutputError:
    found = _lstat(folder, name)
    if found is not None and not stat.S_ISREG(found.st_mode):
        return ForeignFile(path, _what(found.st_mode))
    return OutputError(f"{path}: cannot be opened: {exc.strerror}")


def _lstat(folder: int, name: str) -> os.stat_result | None:
    try:
        return os.stat(name, dir_fd=folder, follow_symlinks=False)
    except OSError:
        return None


def _what(mode: int) -> str:
    """What a file is, in words, when it is not what leaflet expected."""
    if stat.S_ISREG(mode):
        return "a file"
    if stat.S_ISLNK(mode):
        return "a link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"
