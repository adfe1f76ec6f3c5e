package dev.jrun.aot;

/** Why an archive was not made, for {@value AotMain#FAILED}. */
final class MakerFailure extends Exception {
    MakerFailure(String why) {
        super(why, null, false, false);
    }
}
