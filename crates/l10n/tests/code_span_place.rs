//! `code-span-moved` by neighbourhood: spans a machine translation put at
//! another place in their sentence are found; careful human translations,
//! which reorder words as their language needs, give nothing.

mod support;

use support::{clean, findings};

/// The findings of `code-span-moved`, as (span found in the message).
fn moved(tr: &str, src: &str) -> Vec<String> {
    findings(tr, src)
        .iter()
        .filter(|f| f.rule == "code-span-moved")
        .map(|f| f.message.clone())
        .collect()
}

fn assert_moved(tr: &str, src: &str, span: &str) {
    let m = moved(tr, src);
    assert!(
        m.iter()
            .any(|m| m.starts_with(&format!("code span `{span}` "))),
        "{tr:?}: {m:#?}"
    );
}

#[test]
fn spans_moved_by_machine_translation() {
    // After the noun phrase it did not follow: "l’image de base".
    let src = "Declares the base image and assigns the `builder` alias.";
    let tr = "Déclare l’image de base `builder` et assigne l’alias.";
    assert_moved(tr, src, "builder");
    let m = moved(tr, src);
    assert_eq!(m.len(), 1, "{m:#?}");
    assert!(m[0].contains("\"assigns the `builder` alias\""), "{}", m[0]);
    assert!(
        m[0].contains("\"de base `builder` et assigne\""),
        "{}",
        m[0]
    );
    // Before an article, out of its noun phrase.
    assert_moved(
        "Crée `/src` le répertoire et le définit comme répertoire de travail.",
        "Creates the `/src` directory and sets it as the working directory.",
        "/src",
    );
    // Across a colon.
    assert_moved(
        "Le Dockerfile comporte deux parties `sdk` : la première utilise l’image de base.",
        "The Dockerfile has two parts: the first uses the `sdk` base image.",
        "sdk",
    );
    // Across a conjunction it is next to in the source.
    assert_moved(
        "Notez `--runtime` que le drapeau n’est pas nécessaire.",
        "Note that the `--runtime` flag isn't required.",
        "--runtime",
    );
    assert_moved(
        "Au minimum, vous devez `bin` ajouter `obj` des entrées pour et à votre fichier.",
        "At a minimum, you should add entries for `bin` and `obj` to your file.",
        "obj",
    );
    // Away from the word the source has right next to it ("alias"), with
    // no article or punctuation around.
    assert_moved(
        "Deklariert das Basisimage `builder` und weist ihm den Alias zu.",
        "Declares the base image and assigns the `builder` alias.",
        "builder",
    );
    let m = moved(
        "Deklariert das Basisimage `builder` und weist ihm den Alias zu.",
        "Declares the base image and assigns the `builder` alias.",
    );
    assert!(m[0].contains("4 words away from \"Alias\""), "{}", m[0]);
    // Japanese: in another clause than the katakana word for "alias".
    assert_moved(
        "`builder` 基本イメージを宣言し、エイリアスを割り当てます。",
        "Declares the base image and assigns the `builder` alias.",
        "builder",
    );
    let m = moved(
        "`builder` 基本イメージを宣言し、エイリアスを割り当てます。",
        "Declares the base image and assigns the `builder` alias.",
    );
    assert!(
        m[0].contains("another clause than \"エイリアス\""),
        "{}",
        m[0]
    );
    // Across a comma, while a name of the sentence kept its side.
    assert_moved(
        "Pour exécuter l’image dans votre `docker run` instance Docker locale, utilisez la commande.",
        "To run the image in your local Docker instance, use the `docker run` command.",
        "docker run",
    );
}

#[test]
fn careful_french_translations() {
    for (tr, src) in [
        (
            "Déclare l’image de base et lui assigne l’alias `builder`.",
            "Declares the base image and assigns the `builder` alias.",
        ),
        (
            "Crée le répertoire `/src` et le définit comme répertoire de travail actuel.",
            "Creates the `/src` directory and sets it as the current working directory.",
        ),
        (
            "Le Dockerfile comporte deux parties : la première utilise l’image de base `sdk` pour générer et publier l’application ; la seconde crée une image d’exécution à partir de la base `aspnet`.",
            "The Dockerfile has two parts: the first uses the `sdk` base image to build and publish the application; the second creates a runtime image from the `aspnet` base.",
        ),
        (
            "C’est parce que l’image `sdk` fait environ 900 Mo, contre environ 200 Mo pour l’image d’exécution.",
            "This is because the `sdk` image is around 900 MB, compared to around 200 MB for the runtime image.",
        ),
        (
            "Notez que l’option `--runtime` n’est pas nécessaire.",
            "Note that the `--runtime` flag isn't required.",
        ),
        (
            "Copie l’application publiée depuis l’image précédente, en utilisant l’alias `builder` de la première ligne `FROM`.",
            "Copies the published application from the previous image, by using the `builder` alias from the first `FROM` line.",
        ),
        (
            "Au minimum, vous devez ajouter des entrées pour `bin` et `obj` à votre fichier `.dockerignore`.",
            "At a minimum, you should add entries for `bin` and `obj` to your `.dockerignore` file.",
        ),
        (
            "Utilisez la commande `docker run` pour exécuter l’image dans votre instance Docker locale.",
            "To run the image in your local Docker instance, use the `docker run` command.",
        ),
        (
            "Génère et publie une build `Release`.",
            "Builds and publishes a `Release` build.",
        ),
        (
            "Génère une version `Release` et la publie.",
            "Builds and publishes a `Release` build.",
        ),
        (
            "Vous devez toujours exécuter la commande `docker build` à partir du répertoire de base pour vous assurer que la solution et tous les projets sont copiés dans l’image.",
            "You should still run the `docker build` command from the base directory to ensure that the solution and all the projects are copied into the image.",
        ),
        (
            "Le drapeau `--tag`, au nom peu clair (qui peut être raccourci en `-t`), spécifie le nom complet de l’image.",
            "The confusingly named `--tag` flag (which can be shortened to `-t`) specifies the whole name of the image.",
        ),
        (
            "Tout comme les fichiers `.gitignore` qui excluent certains fichiers du contrôle de code source, le fichier `.dockerignore` exclut des fichiers de la copie dans l’image.",
            "Much like `.gitignore` files that exclude certain files from source control, the `.dockerignore` file excludes files from being copied to the image.",
        ),
        (
            "L’option `-t` s’utilise avec l’image.",
            "The `-t` flag is used with the image.",
        ),
        // The span after its noun, then an article starting the next phrase.
        (
            "Les images de base Microsoft pour Docker donnent à la variable d’environnement `ASPNETCORE_URLS` la valeur `http://+:80`, si bien que Kestrel s’exécute sans HTTPS sur ce port.",
            "Microsoft base images for Docker set the `ASPNETCORE_URLS` environment variable to `http://+:80`, meaning that Kestrel runs without HTTPS on that port.",
        ),
        (
            "Copiez le fichier `StockData.csproj` dans le répertoire `/src` de l’image.",
            "Copy the `StockData.csproj` file to the image's `/src` directory.",
        ),
        // The alias named before the span, a word away.
        (
            "Déclare l’image de base et lui donne l’alias de `builder`.",
            "Declares the base image and assigns the `builder` alias.",
        ),
    ] {
        clean(tr, src);
    }
}

#[test]
fn careful_german_translations() {
    for (tr, src) in [
        (
            "Deklariert das Basisimage und weist ihm den Alias `builder` zu.",
            "Declares the base image and assigns the `builder` alias.",
        ),
        (
            "Erstellt das Verzeichnis `/src` und legt es als aktuelles Arbeitsverzeichnis fest.",
            "Creates the `/src` directory and sets it as the current working directory.",
        ),
        (
            "Beachten Sie, dass das Flag `--runtime` nicht erforderlich ist.",
            "Note that the `--runtime` flag isn't required.",
        ),
        (
            "Erstellen Sie mit dem Befehl `docker build` das Image.",
            "Build the image with the `docker build` command.",
        ),
        (
            "Verwenden Sie den Befehl `docker run`, um das Image in Ihrer lokalen Docker-Instanz auszuführen.",
            "To run the image in your local Docker instance, use the `docker run` command.",
        ),
        (
            "Der `.` am Ende gibt den Kontext an, in dem der Build ausgeführt wird; das aktuelle Arbeitsverzeichnis für die `COPY`-Befehle im Dockerfile.",
            "The `.` at the end specifies the context in which the build will be run; the current working directory for the `COPY` commands in the Dockerfile.",
        ),
        (
            "Sie müssen den Befehl `docker build` weiterhin aus dem Basisverzeichnis ausführen.",
            "You should still run the `docker build` command from the base directory.",
        ),
        (
            "Erstellt einen `Release`-Build und veröffentlicht ihn.",
            "Builds and publishes a `Release` build.",
        ),
        (
            "Kopiert die veröffentlichte Anwendung aus dem vorherigen Image, wobei der Alias `builder` aus der ersten `FROM`-Zeile verwendet wird.",
            "Copies the published application from the previous image, by using the `builder` alias from the first `FROM` line.",
        ),
        // Verb-final subordinate clause, the alias a word before the span.
        (
            "Deklariert das Basisimage, dem der Alias `builder` zugewiesen wird.",
            "Declares the base image and assigns the `builder` alias.",
        ),
        (
            "Wenn Sie das Image mit dem Befehl `docker build` erstellen, müssen Sie sich im Verzeichnis mit dem Dockerfile befinden.",
            "When you build the image with the `docker build` command, you must be in the directory containing the Dockerfile.",
        ),
    ] {
        clean(tr, src);
    }
}

#[test]
fn careful_spanish_translations() {
    for (tr, src) in [
        (
            "Declara la imagen base y le asigna el alias `builder`.",
            "Declares the base image and assigns the `builder` alias.",
        ),
        (
            "Crea el directorio `/src` y lo establece como directorio de trabajo actual.",
            "Creates the `/src` directory and sets it as the current working directory.",
        ),
        (
            "Tenga en cuenta que la marca `--runtime` no es necesaria.",
            "Note that the `--runtime` flag isn't required.",
        ),
        (
            "Para ejecutar la imagen en su instancia local de Docker, use el comando `docker run`.",
            "To run the image in your local Docker instance, use the `docker run` command.",
        ),
        (
            "Establezca la variable de entorno `ASPNETCORE_URLS` en `http://+:80`, lo que significa que Kestrel se ejecuta sin HTTPS.",
            "Set the `ASPNETCORE_URLS` environment variable to `http://+:80`, meaning that Kestrel runs without HTTPS.",
        ),
        (
            "El `.` al final especifica el contexto en el que se ejecutará la compilación; el directorio de trabajo actual para los comandos `COPY` del Dockerfile.",
            "The `.` at the end specifies the context in which the build will be run; the current working directory for the `COPY` commands in the Dockerfile.",
        ),
        (
            "Al igual que los archivos `.gitignore` que excluyen ciertos archivos del control de código fuente, el archivo `.dockerignore` excluye archivos de la copia a la imagen.",
            "Much like `.gitignore` files that exclude certain files from source control, the `.dockerignore` file excludes files from being copied to the image.",
        ),
        (
            "Copia la aplicación publicada de la imagen anterior, usando el alias `builder` de la primera línea `FROM`.",
            "Copies the published application from the previous image, by using the `builder` alias from the first `FROM` line.",
        ),
        // The span after its noun, then an article starting the next phrase.
        (
            "Las imágenes base de Microsoft para Docker asignan a la variable de entorno `ASPNETCORE_URLS` el valor `http://+:80`, lo que significa que Kestrel se ejecuta sin HTTPS en ese puerto.",
            "Microsoft base images for Docker set the `ASPNETCORE_URLS` environment variable to `http://+:80`, meaning that Kestrel runs without HTTPS on that port.",
        ),
    ] {
        clean(tr, src);
    }
}

#[test]
fn careful_japanese_translations() {
    for (tr, src) in [
        (
            "基本イメージを宣言し、`builder` エイリアスを割り当てます。",
            "Declares the base image and assigns the `builder` alias.",
        ),
        (
            "`docker run` コマンドを使用して、ローカルの Docker インスタンスでイメージを実行します。",
            "To run the image in your local Docker instance, use the `docker run` command.",
        ),
        (
            "`--runtime` フラグは必要ないことに注意してください。",
            "Note that the `--runtime` flag isn't required.",
        ),
        (
            "`/src` ディレクトリを作成し、現在の作業ディレクトリとして設定します。",
            "Creates the `/src` directory and sets it as the current working directory.",
        ),
        // The katakana word before the span, in the same clause; particles
        // after spans.
        (
            "基本イメージを宣言し、エイリアス `builder` を割り当てます。",
            "Declares the base image and assigns the `builder` alias.",
        ),
        (
            "`.dockerignore` ファイルに `bin` と `obj` のエントリを追加してください。",
            "You should add entries for `bin` and `obj` to your `.dockerignore` file.",
        ),
        (
            "紛らわしい名前の `--tag` フラグ (`-t` に短縮可能) は、イメージの完全な名前を指定します。",
            "The confusingly named `--tag` flag (which can be shortened to `-t`) specifies the whole name of the image.",
        ),
    ] {
        clean(tr, src);
    }
}

#[test]
fn spans_moved_with_repeated_or_untranslatable_neighbours() {
    // Away from the first "base", the word the source has next to it; the
    // sentence has two, paired in order.
    let src = "The Dockerfile has two parts: the first uses the `sdk` base image to build and publish the application; the second creates a runtime image from the `aspnet` base.";
    assert_moved(
        "Il Dockerfile è composto da due parti: la prima usa l'immagine di base per compilare e pubblicare l'applicazione `sdk`; la seconda crea un'immagine di runtime a partire dall'immagine di base `aspnet`.",
        src,
        "sdk",
    );
    clean(
        "Il Dockerfile è composto da due parti: la prima usa l'immagine di base `sdk` per compilare e pubblicare l'applicazione; la seconda crea un'immagine di runtime a partire dall'immagine di base `aspnet`.",
        src,
    );
    // Next to the other occurrence of the word, in a sentence given in
    // another order: fine.
    clean(
        "Non usare l'immagine di base di runtime, ma l'immagine di base `sdk`.",
        "Use the `sdk` base image, not the runtime base image.",
    );
    // In Chinese, into the other clause, while the numbers keep theirs.
    let src = "This is because the `sdk` image is around 900 MB, compared to around 200 MB for the runtime image.";
    assert_moved(
        "这是因为映像约为 900 MB，而 `sdk` 运行时映像约为 200 MB。",
        src,
        "sdk",
    );
    clean(
        "这是因为 `sdk` 映像约为 900 MB，而运行时映像约为 200 MB。",
        src,
    );
    // The clauses in another order: the numbers moved with them.
    clean("运行时映像约为 200 MB，而 `sdk` 映像约为 900 MB。", src);
    // No number or name to tell: not reported.
    clean(
        "若要在本地 Docker 实例中运行映像，请使用 `docker run` 命令。",
        "Use the `docker run` command, to run the image in your local instance.",
    );
}
