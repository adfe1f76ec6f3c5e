import java.io.File;
import java.io.FileInputStream;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Random;
import javax.net.ssl.X509TrustManager;
import javax.xml.parsers.DocumentBuilderFactory;

/** One of each: jrun check must report every one at its line (the tests read the rule from the comment). */
public class insecure {
    public static void main(String[] args) throws Exception {
        Runtime.getRuntime().exec("convert " + args[0] + " out.png"); // COMMAND_INJECTION
        try (FileInputStream in = new FileInputStream(new File("/srv/files", args[1]))) { // PATH_TRAVERSAL_IN
            System.out.println(in.read());
        }
        try (Connection db = DriverManager.getConnection(args[2], args[3], System.getenv("DB_PASSWORD"))) {
            db.createStatement().executeQuery("SELECT * FROM users WHERE name = '" + args[4] + "'"); // SQL_INJECTION_JDBC
        }
        byte[] passwordHash = MessageDigest.getInstance("MD5").digest(args[5].getBytes("UTF-8")); // WEAK_MESSAGE_DIGEST_MD5
        String resetToken = Long.toHexString(new Random().nextLong()); // PREDICTABLE_RANDOM
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(args[6]); // XXE_DOCUMENT
        String password = "hunter2-admin";
        DriverManager.getConnection(args[2], "admin", password).close(); // HARD_CODE_PASSWORD
        System.out.println(passwordHash.length + resetToken + new TrustAll());
    }

    static class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String auth) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String auth) { } // WEAK_TRUST_MANAGER

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
