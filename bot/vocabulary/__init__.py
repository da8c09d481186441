"""The fixed vocabulary and the pure rules over it: the leaf every layer may import.
Nothing here touches storage, the clock or a platform."""
