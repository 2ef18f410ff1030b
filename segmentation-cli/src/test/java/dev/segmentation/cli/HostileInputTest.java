package dev.segmentation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.segmentation.api.MixedDataset;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The catalogue of hostile inputs: one row per input a hostile or careless user gives, with the
 * exit code and the message the command must answer with (2: bad input, named; 0: handled). Every
 * bug fixed adds its row. In the command lines {@code IN} is the row's input file, {@code OUT} a
 * fresh path in the same folder.
 */
class HostileInputTest {
  @TempDir Path dir;

  record Case(
      String name,
      String input,
      String command,
      int exit,
      String message,
      String extra,
      String absentFromOut) {
    Case(String name, String input, String command, int exit, String message) {
      this(name, input, command, exit, message, null, null);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private static final String BLOBS;

  static {
    StringBuilder sb = new StringBuilder("id,a,b\n");
    for (int i = 0; i < 30; i++) {
      sb.append("c").append(i).append(',').append(i % 3 * 10 + i % 2).append(',').append(i % 4);
      sb.append('\n');
    }
    BLOBS = sb.toString();
  }

  private static String identical(int n) {
    StringBuilder sb = new StringBuilder("id,a,b\n");
    for (int i = 0; i < n; i++) {
      sb.append("c").append(i).append(",3,7\n");
    }
    return sb.toString();
  }

  private static final String MIXED;

  static {
    StringBuilder sb = new StringBuilder("id,spend,channel\n");
    for (int i = 0; i < 12; i++) {
      sb.append("c").append(i).append(',').append(i < 6 ? i : 50 + i);
      sb.append(',').append(i < 6 ? "web" : "store").append('\n');
    }
    MIXED = sb.toString();
  }

  private static String manyLevels(int n) {
    StringBuilder sb = new StringBuilder("id,a,sku\n");
    for (int i = 0; i < n; i++) {
      sb.append('c').append(i).append(',').append(i % 7).append(",s").append(i).append('\n');
    }
    return sb.toString();
  }

  private static String ages(int n) {
    StringBuilder sb = new StringBuilder("id,spend,age\n");
    for (int i = 0; i < n; i++) {
      sb.append('c').append(i).append(',').append(i * 3).append(',').append(20 + i).append('\n');
    }
    return sb.toString();
  }

  private static String distinct(int n) {
    StringBuilder sb = new StringBuilder("id,a\n");
    for (int i = 0; i < n; i++) {
      sb.append('c').append(i).append(',').append(i).append('\n');
    }
    return sb.toString();
  }

  static Stream<Case> catalogue() {
    List<Case> c = new ArrayList<>();
    // what the project handled before the catalogue existed
    c.add(new Case("empty file", "", "kmeans --k 2 --input IN", 2, "(?s).*empty.*"));
    c.add(
        new Case("header only", "id,a,b\n", "kmeans --k 2 --input IN --id id", 2, "(?s).*empty.*"));
    c.add(
        new Case(
            "missing input file",
            null,
            "kmeans --k 2 --input IN",
            2,
            "(?s).*(does not exist|not found|No such).*"));
    c.add(
        new Case(
            "unknown column",
            BLOBS,
            "kmeans --k 2 --input IN --id id --columns a,zz",
            2,
            "(?s).*zz.*"));
    c.add(
        new Case(
            "text in a numeric column",
            "id,a,b\nx,1,2\ny,abc,3\n",
            "kmeans --k 1 --input IN --id id",
            2,
            "(?s).*abc.*"));
    c.add(
        new Case(
            "NaN value",
            "id,a,b\nx,1,2\ny,NaN,3\nz,4,4\n",
            "kmeans --k 1 --input IN --id id",
            2,
            "(?s).*(NaN|not finite|missing).*"));
    c.add(new Case("k of zero", BLOBS, "kmeans --k 0 --input IN --id id", 2, "(?s).*k.*"));
    c.add(new Case("k not a number", BLOBS, "kmeans --k abc --input IN --id id", 2, "(?s).*abc.*"));
    c.add(
        new Case(
            "more segments than distinct rows",
            identical(10),
            "kmeans --k 3 --input IN --id id",
            2,
            "(?s).*distinct rows.*"));
    c.add(new Case("unknown option", BLOBS, "kmeans --k 2 --input IN --kk 3", 2, "(?s).*kk.*"));
    c.add(
        new Case(
            "truncated model file",
            "{\"format\" : \"dev.segmentation/model\", \"vers",
            "assign --model IN --input IN",
            2,
            "(?s).*not valid JSON.*"));
    // issue 19, item 5: squared distances overflow
    c.add(
        new Case(
            "values near 1e155",
            "customer_id,a,b\n1,1e155,2\n2,-1e155,4\n3,1e155,6\n4,1,1\n5,2,2\n6,3,3\n",
            "kmeans --k 2 --input IN --id customer_id",
            2,
            "(?s).*column 'a'.*overflow.*"));
    c.add(
        new Case(
            "values near 1e155, standard scaling",
            "customer_id,a,b\n1,1e155,2\n2,-1e155,4\n3,1e155,6\n4,1,1\n5,2,2\n6,3,3\n",
            "kmeans --k 2 --input IN --id customer_id --scale standard",
            2,
            "(?s).*column 'a'.*too large.*"));
    // issue 19, item 7: identical rows
    c.add(
        new Case(
            "hierarchical cut of identical rows",
            identical(50),
            "hierarchical --k 2 --input IN --id id",
            2,
            "(?s).*distinct rows.*"));
    c.add(
        new Case(
            "map segments of identical rows",
            identical(50),
            "som --grid 3x3 --segments 2 --input IN --id id",
            2,
            "(?s).*distinct rows.*"));
    // issue 19, item 1: outputs that would destroy data, checked before any work
    c.add(
        new Case(
            "output is the input",
            BLOBS,
            "kmeans --k 2 --input IN --id id --output IN",
            2,
            "(?s).*--output.*is also an input.*"));
    c.add(
        new Case(
            "model saved over the input",
            BLOBS,
            "kmeans --k 2 --input IN --id id --save IN",
            2,
            "(?s).*--save.*is also an input.*"));
    c.add(
        new Case(
            "two outputs on one path",
            BLOBS,
            "kmeans --k 2 --input IN --id id --output OUT --save OUT",
            2,
            "(?s).*is also the file of --output.*"));
    c.add(
        new Case(
            "output in a missing folder",
            BLOBS,
            "kmeans --k 2 --input IN --id id --output MISSING/labels.csv",
            2,
            "(?s).*--output.*folder that does not exist.*"));
    c.add(
        new Case(
            "features written over the transactions",
            "customer_id,date,amount\na,2025-01-01,5\n",
            "features --transactions IN --as-of 2025-02-01 --output IN",
            2,
            "(?s).*--output.*is also an input.*"));
    // issue 19, item 2: opt-out files in every form reach the customers they name
    String log =
        "customer_id,date,amount\nalice,2025-01-01,5\nbob,2025-01-02,6\ncarol,2025-01-03,7\n";
    String features = "features --transactions IN --as-of 2025-02-01 --opt-out EXTRA --output OUT";
    c.add(
        new Case(
            "opt-out file with a byte order mark",
            log,
            features,
            0,
            "(?s).*1 ids read, 1 matched customers, 0 did not.*",
            "\uFEFFalice\n",
            "alice"));
    // a file shorter than four bytes lost its first byte to FastCSV's BOM detection: "c7" read
    // as "7", and the customer stayed in
    c.add(
        new Case(
            "opt-out file of one short id",
            "customer_id,date,amount\nc7,2025-01-01,5\nc8,2025-01-02,6\n",
            features,
            0,
            "(?s).*1 ids read, 1 matched customers, 0 did not.*",
            "c7\n",
            "c7"));
    c.add(
        new Case(
            "opt-out file as CSV with a header",
            log,
            features,
            0,
            "(?s).*2 ids read, 2 matched customers, 0 did not.*",
            "customer_id,reason\nbob,asked by mail\n\"carol\",\"phone, twice\"\n",
            "bob"));
    c.add(
        new Case(
            "opt-out file with quoted ids",
            log,
            features,
            0,
            "(?s).*1 ids read, 1 matched customers, 0 did not.*",
            "\"carol\"\n",
            "carol"));
    c.add(
        new Case(
            "opt-out ids that match nobody, strict",
            log,
            features + " --opt-out-strict",
            2,
            "(?s).*2 opt-out ids match no customer \\(for example zed, Alice\\).*",
            "zed\nAlice\nbob\n",
            null));
    c.add(
        new Case(
            "opt-out ids that match nobody, reported",
            log,
            features,
            0,
            "(?s).*3 ids read, 1 matched customers, 2 did not \\(for example zed, Alice\\).*",
            "zed\nAlice\nbob\n",
            "bob"));
    // issue 19, item 11: internal errors that are bad input
    c.add(
        new Case(
            "a date in the year 999999999",
            "customer_id,date,amount\na,+999999999-01-01,5\n",
            "features --transactions IN --as-of 2025-02-01 --output OUT",
            2,
            "(?s).*line 2.*"));
    c.add(
        new Case(
            "a newline as delimiter",
            BLOBS,
            "kmeans --k 2 --input IN --delimiter \n",
            2,
            "(?s).*--delimiter.*"));
    c.add(new Case("a folder as input", null, "kmeans --k 2 --input DIR", 2, "(?s).*folder.*"));
    c.add(
        new Case(
            "an unbounded field in a message",
            "id,a,b\nx,1," + "9".repeat(5000) + "z\n",
            // named columns: without --columns a column of words alone is left out as text
            "kmeans --k 1 --input IN --id id --columns a,b",
            2,
            "(?s)(?!.*9{300}).*not a number.*"));
    // issue 19, item 6: duplicate customer ids, the same answer everywhere, and an option
    String twice = "id,a,b\nx,1,2\ny,5,6\nx,3,4\nz,9,9\n";
    c.add(
        new Case(
            "duplicate ids rejected by kmeans",
            twice,
            "kmeans --k 2 --input IN --id id",
            2,
            "(?s).*customer id 'x' appears in rows 0 and 2.*--duplicates.*"));
    c.add(
        new Case(
            "duplicate ids rejected by explain",
            twice,
            "explain --k 2 --input IN --id id",
            2,
            "(?s).*customer id 'x'.*"));
    c.add(
        new Case(
            "duplicate ids merged on request",
            twice,
            "kmeans --k 2 --input IN --id id --duplicates merge-mean",
            0,
            "(?s).*3 rows.*duplicate customer ids: 1 rows merged.*"));
    c.add(
        new Case(
            "duplicate ids kept first on request",
            twice,
            "kmeans --k 2 --input IN --id id --duplicates keep-first --output OUT",
            0,
            "(?s).*duplicate customer ids: 1 rows left out.*"));
    c.add(
        new Case(
            "an unknown duplicates policy",
            twice,
            "kmeans --k 2 --input IN --id id --duplicates drop",
            2,
            "(?s).*--duplicates.*reject, keep-first.*"));
    c.add(
        new Case(
            "ids that differ in white space stay apart",
            "id,a,b\n\" x\",1,2\nx,5,6\ny,9,9\n",
            "kmeans --k 2 --input IN --id id",
            0,
            "(?s).*3 rows.*"));
    // issue 19, item 4: which score rule was used is said, and a wrong one is named
    c.add(
        new Case(
            "scores by rank",
            log,
            "features --transactions IN --as-of 2025-02-01 --scores ranks --output OUT",
            0,
            "(?s).*R, F, M scores: by rank.*"));
    c.add(
        new Case(
            "an unknown score rule",
            log,
            "features --transactions IN --as-of 2025-02-01 --scores deciles --output OUT",
            2,
            "(?s).*--scores.*ties or ranks.*"));
    // issue 19, items 9 and 10: sizes estimated before they are allocated, options capped
    c.add(
        new Case(
            "a 300x300 map",
            BLOBS,
            "som --grid 300x300 --segments 2 --input IN --id id",
            2,
            "(?s).*option --grid needs .*GiB.*smaller grid.*300x300.*"));
    c.add(
        new Case(
            "two billion gap references",
            BLOBS,
            "kmeans --k 2..3 --select gap --gap-references 2000000000 --input IN --id id",
            2,
            "(?s).*--gap-references.*\\[1, 1000\\].*"));
    c.add(
        new Case(
            "two billion stability samples",
            BLOBS,
            "kmeans --k 2 --stability 2000000000 --input IN --id id",
            2,
            "(?s).*--stability.*\\[0, 1000\\].*"));
    c.add(
        new Case(
            "a segment label of two billion",
            "id,segment\nx,0\ny,2000000000\n",
            "transitions --earlier IN --later IN",
            2,
            "(?s).*segment 2000000000.*below 65536 for a file of 2 customers.*"));
    c.add(
        new Case(
            "a weight of 1e308",
            "id,a,b,w\nx,1,2,1e308\ny,5,6,1e308\nz,9,9,1\n",
            "kmeans --k 2 --input IN --id id --columns a,b --weight w",
            2,
            "(?s).*row weights up to 1.0E308.*rescale the weights.*"));
    // issue 19, item 11: input echoed in a message is cut to 200 characters with a count
    c.add(
        new Case(
            "a 5,000-character amount in a transaction log",
            "customer_id,date,amount\na,2025-01-01,1" + "x".repeat(5000) + "\n",
            "features --transactions IN --as-of 2025-02-01 --output OUT",
            2,
            "(?s)(?!.*x{201}).*line 2.*4801 more characters.*"));
    c.add(
        new Case(
            "a 5,000-character header name",
            "id,a," + "h".repeat(5000) + "\nx,1,2\n",
            "kmeans --k 1 --input IN --id id --columns a,zz",
            2,
            "(?s)(?!.*h{201}).*more characters.*zz.*"));
    // issue 19, item 9: an order id of megabytes (an open quote swallowing the file) is named
    c.add(
        new Case(
            "an order id of 400,000 characters",
            "customer_id,date,amount,order\na,2025-01-01,5,\"" + "o".repeat(400_000) + "\"\n",
            "features --transactions IN --as-of 2025-02-01 --order-column order --output OUT",
            2,
            "(?s)(?!.*o{201}).*line 2: an order id of 400000 characters.*longer than.*"));
    // issue 19, items 6 and 8: ids are not trimmed; the escape can be switched off, not misspelt
    c.add(
        new Case(
            "customer ids differing only by blanks stay two customers",
            "customer_id,date,amount\na,2025-01-01,5\n a,2025-01-02,6\n",
            "features --transactions IN --as-of 2025-02-01 --output OUT",
            0,
            "(?s).*2 customers.*"));
    c.add(
        new Case(
            "unknown --csv-escape",
            BLOBS,
            "kmeans --k 2 --input IN --id id --csv-escape excel --output OUT",
            2,
            "(?s).*--csv-escape.*excel.*"));
    String longId = "i".repeat(5000);
    c.add(
        new Case(
            "a 5,000-character id twice in a label file",
            "id,segment\n" + longId + ",0\n" + longId + ",1\n",
            "transitions --earlier IN --later IN",
            2,
            "(?s)(?!.*i{201}).*line 3: id.*4800 more characters.*appears twice.*"));
    // issue 20: segment clv
    String summary = "id,x,tx,T,value\na,0,0,30,0\nb,2,12,30,20\nc,1,5,30,15\n";
    c.add(
        new Case(
            "clv with a log and a summary",
            summary,
            "clv --summary IN --transactions IN",
            2,
            "(?s).*give exactly one of them.*"));
    c.add(
        new Case(
            "clv summary with t_x after T",
            "id,x,tx,T\na,0,0,30\nb,2,40,30\n",
            "clv --summary IN --summary-columns id,x,tx,T",
            2,
            "(?s).*customer 'b': t_x = 40.0 is after T = 30.0.*"));
    c.add(
        new Case(
            "clv summary column missing",
            summary,
            "clv --summary IN --summary-columns id,x,recency,T",
            2,
            "(?s).*recency.*must be a column of the header.*"));
    c.add(
        new Case(
            "clv log without a calibration end",
            "customer_id,date,amount\na,2025-01-01,5\n",
            "clv --transactions IN",
            2,
            "(?s).*--calibration-end.*needed with --transactions.*"));
    c.add(
        new Case(
            "clv horizon not a number",
            summary,
            "clv --summary IN --summary-columns id,x,tx,T,value --horizon 52x",
            2,
            "(?s).*--horizon must be a positive number of weeks.*52x.*"));
    c.add(
        new Case(
            "clv holdout before the calibration end",
            "customer_id,date,amount\na,2025-01-01,5\n",
            "clv --transactions IN --calibration-end 2025-02-01 --holdout-end 2025-01-15",
            2,
            "(?s).*holdout end.*must be after the calibration end.*"));
    // issue 21: segment propensity
    String shortLog = "customer_id,date,amount\na,2025-01-01,5\nb,2025-01-10,6\na,2025-02-01,7\n";
    c.add(
        new Case(
            "propensity cutoff after the end of the log",
            shortLog,
            "propensity --transactions IN --cutoff 2025-02-25 --horizon 10d",
            2,
            "(?s).*the log ends on 2025-02-01, not after the cutoff 2025-02-15.*nothing to label.*"));
    c.add(
        new Case(
            "propensity horizon not a number of days",
            shortLog,
            "propensity --transactions IN --cutoff 2025-01-20 --horizon soon",
            2,
            "(?s).*--horizon.*days \\(30d\\) or weeks.*soon.*"));
    c.add(
        new Case(
            "propensity unknown target",
            shortLog,
            "propensity --transactions IN --cutoff 2025-01-20 --target love",
            2,
            "(?s).*--target.*purchase, repeat, churn, return or discount.*love.*"));
    // issue 21: segment decide
    String twoRules =
        "{\"rules\": [{\"name\": \"Ready to repeat\", \"action\": \"segment\", \"when\":"
            + " {\"column\": \"p\", \"op\": \">\", \"value\": 0.5}}, {\"name\":"
            + " \"ready-to-repeat\", \"action\": \"segment\", \"when\": {\"column\": \"p\","
            + " \"op\": \"<\", \"value\": 0.5}}]}";
    c.add(
        new Case(
            "decide rules whose audience files would overlap",
            "customer_id,p\na,0.7\n",
            "decide --rules EXTRA --input IN --output-dir DIR",
            2,
            "(?s).*ready-to-repeat.csv.*rename one rule.*",
            twoRules,
            null));
    c.add(
        new Case(
            "features with a negative cost of goods",
            "customer_id,date,amount,cost\na,2025-01-01,10,2\na,2025-01-02,10,-3\n",
            "features --transactions IN --as-of 2025-02-01 --cost-column cost --output OUT",
            2,
            "(?s).*line 3: cost -3.0 must be a finite number >= 0.*"));
    c.add(
        new Case(
            "decide with a do-not-target list that does not exist",
            "customer_id,p\na,0.7\n",
            "decide --rules EXTRA --input IN --output-dir DIR --do-not-target MISSING/staff.txt",
            2,
            "(?s).*do-not-target list .*staff.txt does not exist.*",
            "{\"rules\": [{\"name\": \"a\", \"action\": \"segment\", \"when\":"
                + " {\"column\": \"p\", \"op\": \">\", \"value\": 0.5}}]}",
            null));
    c.add(
        new Case(
            "decide rule listing a file that does not exist",
            "customer_id,p\na,0.7\n",
            "decide --rules EXTRA --input IN --output-dir DIR",
            2,
            "(?s).*rule 1 'staff' list.*nobody.csv does not exist.*",
            "{\"rules\": [{\"name\": \"staff\", \"action\": \"exclude\", \"when\":"
                + " {\"listed\": \"nobody.csv\"}}]}",
            null));
    c.add(
        new Case(
            "report decision view given a file that is not a decide summary",
            BLOBS,
            "report --input IN --id id --k 2 --decisions IN --output OUT",
            2,
            "(?s).*no column 'decision'.*segment decide.*"));
    c.add(
        new Case(
            "propensity metrics written over the scores",
            shortLog,
            "propensity --transactions IN --cutoff 2025-01-20 --output OUT --metrics OUT",
            2,
            "(?s).*--metrics.*--output.*|(?s).*--output.*--metrics.*"));
    // issue 22: CLI pieces that fit together
    c.add(
        new Case(
            "kmeans on the output of features, text state column and all",
            """
            customer_id,recency_days,frequency,state
            a,3,1,NEW
            b,40,2,ACTIVE
            c,400,1,CHURNED
            d,5,6,ACTIVE
            e,380,1,CHURNED
            f,7,5,ACTIVE
            """,
            "kmeans --input IN --id customer_id --k 2",
            0,
            "(?s).*2 segments.*columns: recency_days, frequency; left out the text column state.*"));
    c.add(
        new Case(
            "the CDNOW log read as CSV",
            "customer_id  date number_of_cds  dollar_value\n00001 19970101 1 11.77\n",
            "features --transactions IN --as-of 1997-12-31",
            2,
            "(?s).*option --customer-column must be a column of the header.*--format cdnow.*"));
    c.add(
        new Case(
            "a misspelt option",
            BLOBS,
            "kmeans --input IN --id id --k 2 --seeed 3",
            2,
            "(?s).*Unknown options: '--seeed'.*did you mean --select or --seed( or --seeding-rounds)?\\?.*"));
    c.add(
        new Case(
            "a library option named with its dashes",
            BLOBS,
            "kmeans --input IN --id id --k 2 --scale cubic",
            2,
            "(?s).*error: option --scale must be none, standard.*cubic.*"));
    // HDBSCAN* and OPTICS options, refused before any work
    String[][] density = {
      {"hdbscan --min-cluster-size 1", "--min-cluster-size must be >= 2"},
      {"hdbscan --min-samples 0", "--min-samples must be >= 1"},
      {"hdbscan --cluster-selection-epsilon -1", "--cluster-selection-epsilon must be finite"},
      {"hdbscan --selection median", "Invalid value for option '--selection'"},
      {"hdbscan --top-outliers -1", "--top-outliers must be >= 0"},
      {"optics --eps 3 --max-eps 1", "--eps must not exceed --max-eps"},
      {"optics --xi 1.5", "--xi must be in \\(0, 1\\)"},
      {"optics --min-cluster-size 1", "--min-cluster-size must be >= 2"},
      {"optics --min-points 1", "--min-points must be >= 2"},
      {"optics --max-eps 0", "--max-eps must be > 0"},
    };
    for (String[] bad : density) {
      // the negative lookahead: refused before the data is read or ordered
      c.add(
          new Case(
              bad[0],
              BLOBS,
              bad[0] + " --input IN --id id",
              2,
              "(?s)(?!.*(input IN|rows, columns)).*" + bad[1] + ".*"));
    }
    c.add(
        new Case(
            "HDBSCAN* on identical rows: all noise, no crash",
            identical(20),
            "hdbscan --input IN --id id --min-cluster-size 5",
            0,
            "(?s).*0 segments.*20 noise \\(100.0%\\).*"));
    c.add(
        new Case(
            "OPTICS on identical rows: one segment",
            identical(20),
            "optics --input IN --id id",
            0,
            "(?s).*1 segments, 0 noise.*"));
    // mini-batch K-means takes one k and no weights
    c.add(
        new Case(
            "mini-batch with a k range",
            BLOBS,
            "kmeans --k 2..4 --mini-batch 8 --input IN --id id",
            2,
            "(?s).*--k must be one number with --mini-batch.*"));
    c.add(
        new Case(
            "mini-batch with weights",
            BLOBS,
            "kmeans --k 2 --mini-batch 8 --weight b --input IN --id id --columns a",
            2,
            "(?s).*--weight is not used by --mini-batch.*"));
    c.add(
        new Case(
            "mini-batch of zero rows",
            BLOBS,
            "kmeans --k 2 --mini-batch 0 --input IN --id id",
            2,
            "(?s).*--mini-batch must be >= 1 rows.*"));
    c.add(
        new Case(
            "mini-batch K-means",
            BLOBS,
            "kmeans --k 3 --mini-batch 8 --input IN --id id",
            0,
            "(?s).*mini-batch k-means \\(batch 8\\): 30 rows, 3 segments.*steps of 8 rows.*"));
    // issue 24: categorical columns, Gower's distance, model updates
    c.add(
        new Case(
            "a categorical column with one level",
            "id,a,plan\nx,1,gold\ny,2,gold\nz,3,gold\n",
            "kmeans --k 2 --categorical plan --input IN --id id",
            2,
            "(?s).*'plan': one level \\('gold'\\) in every row.*leave the column out.*"));
    c.add(
        new Case(
            "more than 2^16 levels in a categorical column",
            manyLevels(MixedDataset.MAX_LEVELS + 1),
            "kmeans --k 2 --categorical sku --input IN --id id",
            2,
            "(?s).*'sku': more than 65536 levels, the limit.*"));
    c.add(
        new Case(
            "a numeric column named categorical",
            ages(40),
            "kmeans --k 2 --categorical age --input IN --id id",
            2,
            "(?s).*'age' is named categorical but holds 40 distinct numbers.*read it as numeric.*"));
    c.add(
        new Case(
            "categorical columns listed in --columns as well",
            MIXED,
            "kmeans --k 2 --columns spend,channel --categorical channel --input IN --id id",
            0,
            "(?s).*numeric columns \\[spend\\], categorical columns \\[channel\\].*"));
    c.add(
        new Case(
            "Gower's distance on a row with every value missing",
            "id,spend,channel\nx,1,web\ny,,\nz,3,app\nw,4,web\n",
            "hierarchical --k 2 --linkage average --distance gower --categorical channel"
                + " --missing KEEP --missing-categories KEEP --input IN --id id",
            2,
            "(?s).*row 1 \\(id y\\) has every value missing.*leave the row out.*"));
    c.add(
        new Case(
            "Gower's distance on a spatial index with a gap",
            "id,spend,channel\nx,1,web\ny,,app\nz,3,app\nw,4,web\n",
            "dbscan --eps 0.3 --distance gower --categorical channel --missing KEEP --input IN"
                + " --id id",
            2,
            "(?s).*row 1, column 'spend': missing value.*needs complete rows.*"));
    c.add(
        new Case(
            "Gower's distance without categorical columns",
            MIXED,
            "dbscan --eps 0.3 --distance gower --input IN --id id --columns spend",
            2,
            "(?s).*name the categorical ones with --categorical.*"));
    c.add(
        new Case(
            "Gower's distance with Ward linkage",
            MIXED,
            "hierarchical --k 2 --distance gower --categorical channel --input IN --id id",
            2,
            "(?s).*--linkage needs Euclidean distances.*SINGLE, COMPLETE, AVERAGE or WEIGHTED \\(was WARD\\).*"));
    c.add(
        new Case(
            "saving a model on Gower coordinates",
            MIXED,
            "dbscan --eps 0.3 --distance gower --categorical channel --input IN --id id --save OUT",
            2,
            "(?s).*--save.*not available with --distance gower.*"));
    c.add(
        new Case(
            "categorical columns where they are not used",
            MIXED,
            "som --grid 2x2 --categorical channel --input IN --id id",
            2,
            "(?s).*--categorical is not used here.*"));
    c.add(
        new Case(
            "k-prototypes with a range of k",
            MIXED,
            "kmeans --k 2..4 --categorical channel --input IN --id id",
            2,
            "(?s).*must be one number with --categorical.*"));
    c.add(
        new Case(
            "gamma without categorical columns",
            MIXED,
            "kmeans --k 2 --gamma 1 --input IN --id id --columns spend",
            2,
            "(?s).*--gamma.*belongs to k-prototypes.*"));
    c.add(
        new Case(
            "k-means|| rounds without k-means|| seeding",
            MIXED,
            "kmeans --k 2 --seeding-rounds 3 --input IN --id id --columns spend",
            2,
            "(?s).*--seeding-rounds.*add --init K_MEANS_PARALLEL.*"));
    c.add(
        new Case(
            "k-means|| with no oversampling",
            MIXED,
            "kmeans --k 2 --init K_MEANS_PARALLEL --oversampling 0 --input IN --id id --columns"
                + " spend",
            2,
            "(?s).*oversampling.*must be a positive number of k.*was 0.0.*"));
    c.add(
        new Case(
            "a missing category under FAIL",
            "id,spend,channel\nx,1,web\ny,2,\nz,3,app\n",
            "kmeans --k 2 --categorical channel --missing-categories FAIL --input IN --id id",
            2,
            "(?s).*line 3, column 'channel': missing category.*"));
    c.add(
        new Case(
            "duplicate ids with categories to average",
            "id,spend,channel\nx,1,web\nx,2,app\nz,3,app\n",
            "kmeans --k 2 --categorical channel --duplicates merge-mean --input IN --id id",
            2,
            "(?s).*'x' appears on rows 1 and 2; categories have no mean.*"));
    c.add(
        new Case(
            "k-prototypes",
            MIXED,
            "kmeans --k 2 --categorical channel --input IN --id id",
            0,
            "(?s).*k-prototypes \\(CAO\\): 12 rows, 2 segments.*channel.*"));
    c.add(
        new Case(
            "Gower's average linkage",
            MIXED,
            "hierarchical --k 2 --linkage average --distance gower --categorical channel --input IN"
                + " --id id",
            0,
            "(?s).*hierarchical \\(AVERAGE, Gower\\): 12 rows, 2 segments.*"));
    c.add(
        new Case(
            "a blank category on a transaction line is no category",
            "customer_id,date,amount,category\na,2024-01-02,10,books\nb,2024-01-03,5,\n",
            "features --transactions IN --category-column category --as-of 2024-12-31 --output OUT",
            0,
            "(?s).*wrote 2 customers.*",
            null,
            "category_share_,"));
    // and what still works
    c.add(
        new Case(
            "ordinary K-means", BLOBS, "kmeans --k 3 --input IN --id id", 0, "(?s).*3 segments.*"));
    // issue 25, fifth session: Exponion's k x k centre distances are estimated before they are
    // allocated (50,000 segments asked for 4e10 bytes and overflowed an int's array size), and
    // random seeding of 50,000 distinct rows no longer takes 48 s (O(k^2) duplicate scan)
    c.add(
        new Case(
            "Exponion with 50,000 segments",
            distinct(50_000),
            "kmeans --k 50000 --variant EXPONION --init RANDOM --max-iterations 1 --input IN --id id"
                + " --columns a --output OUT",
            2,
            "(?s).*--variant needs .*k = 50000.*one array holds.*HAMERLY.*EXPONION.*"));
    return c.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("catalogue")
  void answersWithItsExitCodeAndMessage(Case c) throws IOException {
    Path in = dir.resolve("input.csv");
    if (c.input() != null) {
      Files.writeString(in, c.input(), StandardCharsets.UTF_8);
    }
    Path extra = dir.resolve("extra.csv");
    if (c.extra() != null) {
      Files.writeString(extra, c.extra(), StandardCharsets.UTF_8);
    }
    // Placeholders are whole words of the command line (a path may contain their letters).
    String[] args = c.command().split(" ");
    for (int i = 0; i < args.length; i++) {
      args[i] =
          switch (args[i]) {
            case "IN" -> in.toString();
            case "OUT" -> dir.resolve("out.csv").toString();
            case "EXTRA" -> extra.toString();
            case "DIR" -> dir.toString();
            default -> args[i].replace("MISSING/", dir.resolve("missing") + "/");
          };
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = SegmentCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
    String said = out + "\n" + err;
    assertThat(exit).as("exit code of %s; it said:%n%s", c.command(), said).isEqualTo(c.exit());
    assertThat(said).as("what %s said", c.command()).matches(c.message());
    // bad input is answered in a line, never with a stack trace
    assertThat(err.toString()).doesNotContain("\tat dev.segmentation");
    // an opted-out customer never reaches an output
    if (c.absentFromOut() != null) {
      assertThat(Files.readString(dir.resolve("out.csv"), StandardCharsets.UTF_8))
          .doesNotContain(c.absentFromOut())
          .contains("customer_id");
    }
    // and an input is never damaged
    if (c.input() != null) {
      assertThat(Files.readString(in, StandardCharsets.UTF_8)).isEqualTo(c.input());
    }
  }

  /**
   * Issue 22: a gzip-compressed CSV is read whatever its name; a broken one is refused by name, not
   * with its binary bytes in the message.
   */
  @Test
  void gzipInputIsReadOrRefusedByName() throws IOException {
    Path gz = dir.resolve("customers.csv");
    try (java.io.OutputStream o = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
      o.write(BLOBS.getBytes(StandardCharsets.UTF_8));
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        SegmentCommand.execute(
            new String[] {"kmeans", "--input", gz.toString(), "--id", "id", "--k", "3"},
            new PrintWriter(out),
            new PrintWriter(err));
    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString()).contains("3 segments");
    byte[] whole = Files.readAllBytes(gz);
    Files.write(gz, java.util.Arrays.copyOf(whole, whole.length / 2));
    err.getBuffer().setLength(0);
    exit =
        SegmentCommand.execute(
            new String[] {"kmeans", "--input", gz.toString(), "--id", "id", "--k", "3"},
            new PrintWriter(out),
            new PrintWriter(err));
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains(gz.toString()).doesNotContain("\u001f\u008b");
  }
}
