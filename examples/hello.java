#!/usr/bin/env jrun
//DESCRIPTION The smallest jrun script: greets, and shows what it was given.

public class hello {
    public static void main(String[] args) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println("usage: hello.java [NAME...]\nGreets NAME (default: world) and says which Java runs it.");
            return;
        }
        String who = args.length > 0 ? String.join(" ", args) : "world";
        System.out.println("Hello, " + who + "! (Java " + Runtime.version().feature() + ")");
    }
}
