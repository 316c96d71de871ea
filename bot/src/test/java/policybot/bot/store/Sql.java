package policybot.bot.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;

/** Reads straight from the tables, to check what was really stored. */
public final class Sql {
    private Sql() {
    }

    public static int count(Database db, String sql, Object... params) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    /** Every text column of every row of a table, joined: to check that something is nowhere in it. */
    public static String dump(Database db, String table) {
        return db.read(c -> {
            StringBuilder s = new StringBuilder();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT * FROM " + table)) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= n; i++) {
                        s.append(rs.getString(i)).append('|');
                    }
                    s.append('\n');
                }
            }
            return s.toString();
        });
    }
}
