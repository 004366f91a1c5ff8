"""Reading and writing the project's files safely: bounded reads, atomic writes, Chinese reasons.

Every file the tools write (records by `fmt` and `import`, workbooks, reports) is written under
a temporary name beside its target and renamed over it, so a kill or a full disk leaves either
the old file or the new one, never half of one. Reads of data files go through `read_limited`,
which reads at most the limit whatever `stat` says (a link to /dev/zero stats as 0 bytes).
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

_REASONS = {
    errno.EACCES: "没有权限",
    errno.EPERM: "不允许修改（文件可能被设为只读或锁定）",
    errno.ENOSPC: "磁盘空间已满",
    errno.EDQUOT: "磁盘配额已用完",
    errno.EROFS: "所在的磁盘是只读的",
    errno.ENOENT: "文件或目录不存在",
    errno.EISDIR: "这是一个目录",
    errno.ENOTDIR: "路径中有一部分不是目录",
    errno.EBUSY: "文件正被其他程序使用",
    errno.ETXTBSY: "文件正被其他程序使用",
    errno.EEXIST: "已经存在同名文件",
    errno.ENAMETOOLONG: "文件名太长",
    errno.ELOOP: "符号链接层数过多",
    errno.EIO: "读写磁盘出错",
}


def os_reason(exc: OSError) -> str:
    """Why a file operation failed, in words an editor understands."""
    return _REASONS.get(exc.errno or 0, exc.strerror or type(exc).__name__)


def write_atomic(path: Path, data: bytes | str) -> None:
    """Replace `path` with `data` in one rename; on any failure the old file stays as it was."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    tmp = temp_name(path)
    try:
        with open(tmp, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def temp_name(path: Path, kind: str = "tmp") -> Path:
    """The hidden name a file is staged under beside `path` (the checker reports leftovers)."""
    return path.with_name(f".{path.name}.skillmap-{kind}")


class TooLarge(Exception):
    """The file holds more than the limit allows."""


def read_limited(path: Path, limit: int) -> bytes:
    """At most `limit` bytes of a regular file; `TooLarge` when it holds more."""
    with open(path, "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(path)
    return data
