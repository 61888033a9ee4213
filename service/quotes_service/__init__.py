"""quotes_service: the extraction rules (pure, no gRPC) and the gRPC server around them."""
