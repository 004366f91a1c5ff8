#!/usr/bin/env bash
# Import every workbook an editor uploaded to inbox/ (xlsx, or one sheet saved as CSV).
# Problems are reported with their sheet and cell (FORMAT=github: as pull-request annotations).
# A workbook whose rows are all good is applied: its records are written as YAML and the workbook
# is removed from inbox/, so that the pull request shows the record changes for review.
# Exit 1 when any workbook has problems (nothing of that workbook is written).
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
  if skillmap import "$book" --format "$format"; then
    skillmap import "$book" --apply > /dev/null
    git rm --quiet --cached "$book" 2>/dev/null || true
    rm -f "$book"
    echo "已导入 $book，记录文件已写入。"
  else
    status=1
    echo "$book 有问题，没有导入；请按上面的提示修改表格后重新上传。"
  fi
done
exit $status
