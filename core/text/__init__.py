"""Pure logic: words and numbers: formats, the text catalog, reading what people type."""
