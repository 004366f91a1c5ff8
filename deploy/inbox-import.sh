#!/usr/bin/env bash
# Import every workbook an editor uploaded to inbox/ (xlsx, or one sheet saved as CSV).
# Problems are reported with their sheet and cell (FORMAT=github: as pull-request annotations).
# A workbook whose rows are all good is applied: its records are written as YAML, the whole catalogue
# is checked, and only then is the workbook removed from inbox/, so that the pull request shows the
# record changes for review. A workbook that has problems, fails to apply or leaves the catalogue
# with errors stays in inbox/ (exit 1), so that no edit is lost.
#   deploy/inbox-import.sh [text|github]
set -euo pipefail
format="${1:-text}"
shopt -s nullglob nocaseglob
books=(inbox/*.xlsx inbox/*.csv)
if [ ${#books[@]} -eq 0 ]; then
  echo "inbox/ 中没有待导入的工作簿。"
  exit 0
fi
status=0
for book in "${books[@]}"; do
  echo "== 导入 $book"
  if ! skillmap import "$book" --format "$format"; then
    status=1
    echo "$book 有问题，没有导入；请按上面的提示修改表格后重新上传。"
    continue
  fi
  if ! skillmap import "$book" --apply > /dev/null; then
    status=1
    echo "$book 没有写入（见上面的错误说明），工作簿保留在 inbox/ 中。"
    continue
  fi
  if ! skillmap check --format "$format"; then
    status=1
    echo "$book 已写入，但导入后的数据没有通过检查；工作簿保留在 inbox/ 中，请按上面的提示修改。"
    continue
  fi
  git rm --quiet --cached "$book" 2>/dev/null || true
  rm -f "$book"
  echo "已导入 $book，记录文件已写入并通过检查。"
done
exit $status
