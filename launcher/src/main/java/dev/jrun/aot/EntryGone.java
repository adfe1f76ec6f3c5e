package dev.jrun.aot;

/** The entry is gone (removed, or rebuilt without what the maker needs): nothing to make, nothing to tell. */
final class EntryGone extends Exception {
    EntryGone() {
        super(null, null, false, false);
    }
}
