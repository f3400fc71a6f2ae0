"""What the workbench tells a visitor when a file cannot be used: in Chinese, in
one sentence, saying what to do. Never the server's paths nor a library's
English message: the library's error says those for the operator's log."""

from __future__ import annotations

from tiaokuan import errors as e

_BY_ERROR: tuple[tuple[type[e.TiaokuanError], str], ...] = (
    (e.EmptyFileError, "文件是空的，没有可读取的内容。请检查文件是否完整复制或下载后再上传。"),
    (e.TooLargeError, "文件中的压缩内容解压后超过允许的上限（可能是“压缩炸弹”），已拒绝。如确为正常条款文件，请联系管理员调高上限。"),
    (e.EncryptedPdfError, "PDF 设有密码保护，无法读取。请另存一份不加密的副本后再上传。"),
    (e.OcrUnavailableError, "这是扫描件，需要文字识别（OCR），而服务器未安装 OCR 组件。请联系管理员，或上传带文字层的 PDF。"),
    (e.ScannedPdfError, "这是扫描件，未能识别出文字。请确认扫描清晰、页面方向正确，或上传带文字层的 PDF。"),
    (e.CorruptFileError, "文件已损坏或不完整，无法读取{page}。请用原始文件重新导出（或在 Word 中重新保存）后再上传。"),
    (e.EncodingError, "无法识别文本的编码（不是 UTF-8 或 GBK/GB18030）。请另存为 UTF-8 文本后再上传。"),
    (e.UnsupportedFormatError, "不支持这种文件。请上传 PDF、Word（DOCX/DOC）、TXT 或 Markdown 格式的条款。"),
    (e.NoClauseStructureError, "文件中没有找到条款结构（没有“第X条”，也没有“总则”“保险责任”等章节标题）。请确认上传的是保险条款。"),
    (e.MissingDatabaseError, "条款数据库不存在。请联系管理员。"),
    (e.DatabaseError, "条款数据库暂时无法使用，请稍后重试。"),
    (e.NotFoundError, "未找到所要的产品、版本或条款。请从搜索或产品目录重新进入。"),
)


def chinese(exc: e.TiaokuanError) -> str:
    """The visitor's message for `exc`, naming the page where the error knows it."""
    for kind, text in _BY_ERROR:
        if isinstance(exc, kind):
            return text.format(page=f"（第 {exc.page} 页）" if exc.page else "")
    return "无法处理该文件或请求。请检查后重试。"
