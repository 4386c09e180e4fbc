import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * What postgres.sh needs of psql where the machine has none: runs one SQL statement and prints the first column of
 * each row it returns. Run by postgres.sh with the PostgreSQL JDBC driver it fetched through Maven:
 * {@code java -cp postgresql.jar Sql.java <host> <port> <user> <database> <statement>}.
 */
public final class Sql {

    private Sql() {}

    public static void main(String[] args) throws SQLException {
        if (args.length != 5) {
            System.err.println("usage: Sql.java <host> <port> <user> <database> <statement>");
            System.exit(2);
        }
        String url = "jdbc:postgresql://" + args[0] + ":" + args[1] + "/" + args[3] + "?user=" + args[2];
        try (var connection = DriverManager.getConnection(url);
                var statement = connection.createStatement()) {
            if (statement.execute(args[4])) {
                try (ResultSet rows = statement.getResultSet()) {
                    while (rows.next()) {
                        System.out.println(rows.getString(1));
                    }
                }
            }
        }
    }
}
