"""quotes_service: extraction (``extract``: pure, no gRPC) and the gRPC server around it (``server``)."""
