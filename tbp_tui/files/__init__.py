"""The ground floor: how tbp-tui puts bytes on disk, whoever asks (progress, course cache,
safety export, rooms). Plain Python; it imports nothing else of tbp_tui, so every other
package may build on it without pulling in the progress store.
"""
