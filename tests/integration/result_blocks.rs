//! Innovation Engine's result blocks, from its documentation: a block after
//! `<!-- expected_similarity=N -->` is the expected stdout of the command
//! block before it, compared by similarity (exactly when N is 1), as JSON
//! when it is a JSON block, or searched for a regex (`="..."`).

use crate::test::Test;

/// A quickstart as Azure's executable docs write them.
const QUICKSTART: &str = r#"---
title: 'Quickstart: create a resource group'
ms.topic: quickstart
---

# Quickstart: create a resource group

## Define environment variables

```bash
export RANDOM_ID="1a2b3c"
export MY_RESOURCE_GROUP_NAME="myResourceGroup$RANDOM_ID"
export REGION=eastus
```

## Create the resource group

```bash
printf '{"name": "%s", "properties": {"provisioningState": "Succeeded"}, "location": "%s"}\n' "$MY_RESOURCE_GROUP_NAME" "$REGION"
echo "created" >&2
```

Results:

<!-- expected_similarity=0.3 -->
```JSON
{
  "location": "eastus",
  "name": "myResourceGroupxxx",
  "properties": {
    "provisioningState": "Succeeded"
  }
}
```

## Say hello

```bash
echo "Hello World"
```

<!--expected_similarity=0.8-->
```text
Hello world
```

```bash
echo "provisioningState: Succeeded"
```

<!-- expected_similarity="provisioningState: (Succeeded|Running)" -->
```output
provisioningState: Succeeded
```
"#;

#[test]
fn result_blocks_hold_the_output_of_the_block_before() {
    Test::new()
        .write("quickstart.md", QUICKSTART)
        .args(&["quickstart.md"])
        .stdout(
            "doccheck quickstart.md: 7 steps
✓   1  quickstart.md:10  export RANDOM_ID=\"1a2b3c\" (+2 more)  [..]s
✓   2  quickstart.md:18  printf [..] (+1 more)  [..]s
-   3  quickstart.md:26  skipped: the expected output of step 2 (line 18), checked there (`expected_similarity=0.3`)
✓   4  quickstart.md:38  echo \"Hello World\"  [..]s
-   5  quickstart.md:43  skipped: the expected output of step 4 (line 38), checked there (`expected_similarity=0.8`)
✓   6  quickstart.md:47  echo \"provisioningState: Succeeded\"  [..]s
-   7  quickstart.md:52  skipped: the expected output of step 6 (line 47), checked there (`expected_similarity=\"provisioningState: (Succeeded|Running)\"`)
coverage: 4 of 4 blocks ran (3 checked their output); 3 hold the expected output of others
quickstart.md: ok. 7 steps: 4 passed, 0 failed, 3 skipped, 0 not run; [..]s
",
        )
        .run();
}

#[test]
fn result_blocks_still_catch_what_is_wrong() {
    // 1 asks for the very output.
    Test::new()
        .write("q.md", QUICKSTART.replace("expected_similarity=0.8", "expected_similarity=1"))
        .args(&["q.md"])
        .status(1)
        .stdout(
            "...
✗   4  q.md:38  echo \"Hello World\"  [..]s
        the output is 0.96 similar to the result block (Jaro-Winkler); the guide asks for 1 (the result block at line 43)
        diff (- expected, + actual):
          -Hello world
          +Hello World
...
",
        )
        .run();
    // A JSON result block wants JSON; what went to stderr is shown, not compared.
    Test::new()
        .write("q.md", QUICKSTART.replace("printf '{\"name\"", "printf 'Deployment failed {\"name\""))
        .args(&["q.md"])
        .status(1)
        .stdout(
            "...
✗   2  q.md:18  printf [..]
        the output is not JSON, and the result block is (the result block at line 26)
...
        note: line 20: its stderr, which the expectations leave out (Innovation Engine compares stdout only):
        │ created
...
",
        )
        .run();
    Test::new()
        .write("q.md", QUICKSTART.replace("echo \"provisioningState: Succeeded\"", "echo \"provisioningState: Failed\""))
        .args(&["q.md"])
        .status(1)
        .stdout("...\n        the output has no match for /provisioningState: (Succeeded|Running)/ (the result block at line 52)\n...\n")
        .run();
    // Far from the result block, below the threshold.
    Test::new()
        .write("q.md", QUICKSTART.replace("echo \"Hello World\"", "echo \"Goodbye, moon\""))
        .args(&["q.md"])
        .status(1)
        .stdout("...\n        the output is 0.[..] similar to the result block (Jaro-Winkler); the guide asks for 0.8 (the result block at line 43)\n...\n")
        .run();
}

#[test]
fn bad_result_comments_are_errors_at_the_comment() {
    Test::new()
        .guide("```bash\necho hi\n```\n\n<!--expected_similarity=9.0-->\n```text\nhi\n```\n")
        .status(2)
        .stderr("error: g.md:5:1: expected_similarity=9.0 must be a number from 0 to 1 (1: the same text), or a \"regex\"\n...\n")
        .run();
    Test::new()
        .guide("```bash\necho hi\n```\n\n<!--expected_similarity=0.5-->\n```text\nhi\n```\n\n<!--expected_similarity=0.5-->\n```text\nhi\n```\n")
        .status(2)
        .stderr("error: g.md:10:1: the block at line 1 already has a result block; a command block has one expected output\n...\n")
        .run();
}
