///usr/bin/env jrun "$0" "$@" ; exit $?
//DESCRIPTION The smallest jrun script: greets, and shows what it was given.

public class hello {
    public static void main(String[] args) {
        String who = args.length > 0 ? String.join(" ", args) : "world";
        System.out.println("Hello, " + who + "! (Java " + Runtime.version().feature() + ")");
    }
}
