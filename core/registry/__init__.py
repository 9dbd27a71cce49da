"""Pure logic: the partner registry: partners, areas, MoUs and PKS, follow-through, targets."""
