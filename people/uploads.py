"""Refusing an oversized upload while it streams in, instead of spooling it to disk first."""

from django.core.files.uploadhandler import FileUploadHandler, SkipFile


class UploadLimitHandler(FileUploadHandler):
    """Placed first among a request's upload handlers: drops a file as soon as it passes ``limit``
    bytes (the other form fields are still read) and marks the request, so the form can say why."""

    def __init__(self, request, limit: int):
        super().__init__(request)
        self.limit = limit

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > self.limit:
            self.request.upload_too_large = True
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None
