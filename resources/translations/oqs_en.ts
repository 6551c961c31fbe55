<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="ja">
<context>
    <name>QObject</name>
    <message>
        <source>鍵ファイルを使えないため、照会をこのパソコンに保存できません: %1</source>
        <translation>The key file cannot be used, so queries cannot be saved on this PC: %1</translation>
    </message>
    <message>
        <source>本日の保存データを読めません: %1</source>
        <translation>Today&apos;s saved data cannot be read: %1</translation>
    </message>
</context>
<context>
    <name>oqs::client::core::CardPinFlow</name>
    <message>
        <source>サーバーに接続できないため、暗証番号での確認ができません。暗証番号なしで読み取るか、しばらくしてからやり直してください。</source>
        <translation>The server cannot be reached, so the PIN check is not possible. Read the card without the PIN, or try again later.</translation>
    </message>
</context>
<context>
    <name>oqs::client::core::ConnectionSelfTest</name>
    <message>
        <source>サーバーに接続できる</source>
        <translation>Server reachable</translation>
    </message>
    <message>
        <source>接続できません（%1）。URLとネットワークを確認してください。</source>
        <translation>Cannot connect (%1). Check the URL and the network.</translation>
    </message>
    <message>
        <source>施設の証明書で安全に接続できる（TLS）</source>
        <translation>Secure connection with the institution certificate (TLS)</translation>
    </message>
    <message>
        <source>認証されました</source>
        <translation>Authenticated</translation>
    </message>
    <message>
        <source>TLS接続に失敗しました（%1）。施設証明書とサーバー認証局を確認してください。</source>
        <translation>TLS connection failed (%1). Check the institution certificate and the server CA.</translation>
    </message>
    <message>
        <source>確認できません（HTTP %1）</source>
        <translation>Cannot be checked (HTTP %1)</translation>
    </message>
    <message>
        <source>カードリーダー</source>
        <translation>Card reader</translation>
    </message>
    <message>
        <source>この端末ではカードリーダーを使えません（未接続）</source>
        <translation>No card reader can be used on this PC (not connected)</translation>
    </message>
    <message>
        <source>見つかりません。USBケーブルとカード読み取りサービスを確認してください。</source>
        <translation>Not found. Check the USB cable and the card reader service.</translation>
    </message>
    <message>
        <source>時計のずれ</source>
        <translation>Clock difference</translation>
    </message>
    <message>
        <source>%1 秒</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 秒ずれています。パソコンの時刻を合わせてください。</source>
        <translation>The clock is off by %1 s. Please set the PC clock.</translation>
    </message>
    <message>
        <source>サーバーの時刻を取得できません</source>
        <translation>Cannot get the server&apos;s time</translation>
    </message>
</context>
<context>
    <name>oqs::client::core::HistoryService</name>
    <message>
        <source>%1か月より前の履歴は検索できません。%2 以降を指定してください。</source>
        <translation>History older than %1 months cannot be searched. Enter %2 or later.</translation>
    </message>
    <message>
        <source>終了日が開始日より前です。開始日以降の日付を指定してください。</source>
        <translation>The end date is before the start date. Enter a date on or after the start date.</translation>
    </message>
    <message>
        <source>サーバーの応答がありません。しばらくしてからもう一度検索してください。</source>
        <translation>The server did not answer. Please search again in a moment.</translation>
    </message>
    <message>
        <source>サーバーに接続できません（ネットワークを確認してください）。</source>
        <translation>Cannot connect to the server (check the network).</translation>
    </message>
    <message>
        <source>安全な接続を確立できません。設定の施設証明書を確認してください。</source>
        <translation>A secure connection cannot be made. Check the institution certificate in the settings.</translation>
    </message>
    <message>
        <source>サーバーの応答を読み取れません。</source>
        <translation>The server&apos;s answer cannot be read.</translation>
    </message>
    <message>
        <source>この受付番号の結果はサーバーにありません（保存期間を過ぎた可能性があります）。</source>
        <translation>The server has no result for this receipt number (it may be past its retention period).</translation>
    </message>
</context>
<context>
    <name>oqs::client::core::ReceptionService</name>
    <message>
        <source>サーバーの応答がありません。自動で再送します。</source>
        <translation>The server did not answer. It will be resent automatically.</translation>
    </message>
    <message>
        <source>サーバーに接続できません（ネットワークを確認してください）。自動で再送します。</source>
        <translation>Cannot connect to the server (check the network). It will be resent automatically.</translation>
    </message>
    <message>
        <source>安全な接続を確立できません。設定の施設証明書を確認してください。</source>
        <translation>A secure connection cannot be made. Check the institution certificate in the settings.</translation>
    </message>
    <message>
        <source>サーバーの応答を読み取れません。自動で再送します。</source>
        <translation>The server&apos;s answer cannot be read. It will be resent automatically.</translation>
    </message>
</context>
<context>
    <name>oqs::client::core::ServerClient</name>
    <message>
        <source>サーバーのURLは https:// で始めてください。</source>
        <translation>The server URL must start with https://.</translation>
    </message>
    <message>
        <source>施設の証明書ファイル（PKCS#12）を開けません: %1</source>
        <translation>Cannot open the institution certificate file (PKCS#12): %1</translation>
    </message>
    <message>
        <source>施設の証明書を読み込めません。パスワードが正しいか確認してください。</source>
        <translation>Cannot load the institution certificate. Check that the password is correct.</translation>
    </message>
    <message>
        <source>サーバーの認証局証明書を読み込めません: %1</source>
        <translation>Cannot load the server&apos;s CA certificate: %1</translation>
    </message>
</context>
<context>
    <name>oqs::client::gui::CameraQrScanner</name>
    <message>
        <source>このカメラの映像（%1）を読み取れません。別のカメラを選ぶか、ハンドスキャナーか画像ファイルで読み取ってください。</source>
        <translation>This camera&apos;s picture (%1) cannot be read. Choose another camera, or read the code with the handheld scanner or from an image file.</translation>
    </message>
</context>
<context>
    <name>oqs::client::gui::CameraScanDialog</name>
    <message>
        <source>カメラでQRコードを読み取る</source>
        <translation>Read a QR code with the camera</translation>
    </message>
    <message>
        <source>カメラ(&amp;C)</source>
        <translation>&amp;Camera</translation>
    </message>
    <message>
        <source>QRコードをカメラに向けてください</source>
        <translation>Hold the QR code up to the camera</translation>
    </message>
    <message>
        <source>カメラが見つかりません</source>
        <translation>No camera found</translation>
    </message>
    <message>
        <source>カメラをつなぐと、ここに映像が出ます。
カメラがなくても、次の方法で保険証のQRコードを読み取れます。
・ハンドスキャナー: この画面を閉じ、保険証の入力欄にカーソルを置いてQRコードを読み取る
・画像ファイル: ファイル → 保険証のQRコードを画像ファイルから読み取る（Ctrl+I）
・画面の写し: QRコードの写った画面をコピーし、ファイル → コピーした画像から読み取る（Ctrl+Shift+V）</source>
        <translation>Connect a camera and its picture appears here.
Without a camera, read the insurance card QR code in one of these ways:
• Handheld scanner: close this window, put the cursor in an insurance card field and scan the QR code
• Image file: File → Read insurance card QR code from an image file (Ctrl+I)
• Screenshot: copy a screen showing the QR code, then File → Read insurance card QR code from a copied picture (Ctrl+Shift+V)</translation>
    </message>
    <message>
        <source>カメラを使えません（%1）。別のカメラを選ぶか、ハンドスキャナーか画像ファイルで読み取ってください。</source>
        <translation>The camera cannot be used (%1). Choose another camera, or read the code with the handheld scanner or from an image file.</translation>
    </message>
</context>
<context>
    <name>oqs::client::gui::CardFormWidget</name>
    <message>
        <source>保険者番号</source>
        <translation>Insurer number</translation>
    </message>
    <message>
        <source>6桁または8桁</source>
        <translation>6 or 8 digits</translation>
    </message>
    <message>
        <source>記号</source>
        <translation>Symbol</translation>
    </message>
    <message>
        <source>ない場合は空欄</source>
        <translation>Leave empty if none</translation>
    </message>
    <message>
        <source>番号</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>QRコードはここで読み取れます</source>
        <translation>QR codes can be scanned here</translation>
    </message>
    <message>
        <source>枝番</source>
        <translation>Branch no.</translation>
    </message>
    <message>
        <source>2桁（例: 01）</source>
        <translation>2 digits (e.g. 01)</translation>
    </message>
    <message>
        <source>生年月日</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>例: 1980-04-01 または 19800401</source>
        <translation>e.g. 1980-04-01 or 19800401</translation>
    </message>
    <message>
        <source>受診日</source>
        <translation>Consultation date</translation>
    </message>
    <message>
        <source>空欄は本日（1か月前まで）</source>
        <translation>Empty = today (up to 1 month back)</translation>
    </message>
    <message>
        <source>患者ID</source>
        <translation>Patient ID</translation>
    </message>
    <message>
        <source>任意（レセコンの患者番号など）</source>
        <translation>Optional (e.g. patient number in the receipt system)</translation>
    </message>
    <message>
        <source>資格を確認する（Enter）</source>
        <translation>Check eligibility (Enter)</translation>
    </message>
    <message>
        <source>QRコードを読み取れませんでした（%1）。もう一度読み取るか、手で入力してください。</source>
        <translation>The QR code could not be read (%1). Scan it again or type the fields in.</translation>
    </message>
    <message>
        <source>QRコードから入力しました。Enter で資格を確認します。</source>
        <translation>Filled in from the QR code. Press Enter to check eligibility.</translation>
    </message>
</context>
<context>
    <name>oqs::client::gui::CsvExportDialog</name>
    <message>
        <source>CSVファイルに書き出す</source>
        <translation>Export to CSV file</translation>
    </message>
    <message>
        <source>書き出す項目</source>
        <translation>Columns to export</translation>
    </message>
    <message>
        <source>文字コード</source>
        <translation>Encoding</translation>
    </message>
    <message>
        <source>UTF-8（BOM付き・Excel対応）</source>
        <translation>UTF-8 (with BOM, for Excel)</translation>
    </message>
    <message>
        <source>Shift_JIS（CP932・古いレセコン向け）</source>
        <translation>Shift_JIS (CP932, for older receipt systems)</translation>
    </message>
    <message>
        <source>対象</source>
        <translation>Rows</translation>
    </message>
    <message>
        <source>一覧で選んだ結果だけ</source>
        <translation>Only the results selected in the list</translation>
    </message>
    <message>
        <source>本日の結果すべて</source>
        <translation>All of today&apos;s results</translation>
    </message>
    <message>
        <source>書き出す</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>キャンセル</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>oqs::client::gui::HistoryDialog</name>
    <message>
        <source>受付履歴の検索</source>
        <translation>Search check history</translation>
    </message>
    <message>
        <source>開始日</source>
        <translation>From</translation>
    </message>
    <message>
        <source>例: 2026-07-01（空欄は5か月前から）</source>
        <translation>e.g. 2026-07-01 (empty = from 5 months ago)</translation>
    </message>
    <message>
        <source>終了日</source>
        <translation>To</translation>
    </message>
    <message>
        <source>空欄は本日まで</source>
        <translation>Empty = up to today</translation>
    </message>
    <message>
        <source>患者ID</source>
        <translation>Patient ID</translation>
    </message>
    <message>
        <source>空欄はすべての患者</source>
        <translation>Empty = all patients</translation>
    </message>
    <message>
        <source>すべての結果</source>
        <translation>All results</translation>
    </message>
    <message>
        <source>結果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>検索（Enter）</source>
        <translation>Search (Enter)</translation>
    </message>
    <message>
        <source>条件を入れて［検索］を押してください。</source>
        <translation>Enter the conditions and press [Search].</translation>
    </message>
    <message>
        <source>確認日時</source>
        <translation>Checked at</translation>
    </message>
    <message>
        <source>受付番号</source>
        <translation>Receipt number</translation>
    </message>
    <message>
        <source>確認方法</source>
        <translation>Method</translation>
    </message>
    <message>
        <source>受診日</source>
        <translation>Consultation date</translation>
    </message>
    <message>
        <source>担当者</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <source>選んだ行の結果を表示</source>
        <translation>Show result of selected row</translation>
    </message>
    <message>
        <source>一覧で行を選び［選んだ行の結果を表示］を押すと、その時の回答をサーバーから取り寄せて表示します。</source>
        <translation>Select a row and press [Show result of selected row] to fetch the answer given at that time from the server.</translation>
    </message>
    <message>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>検索しています…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <source>赤字の項目を直してください。</source>
        <translation>Please correct the fields marked in red.</translation>
    </message>
    <message>
        <source>受付番号 %1 の回答を取り寄せています…</source>
        <translation>Fetching the answer for receipt number %1…</translation>
    </message>
    <message>
        <source>保険証</source>
        <translation>Insurance card</translation>
    </message>
    <message>
        <source>マイナンバーカード</source>
        <translation>My Number card</translation>
    </message>
    <message>
        <source>条件に合う履歴はありません。</source>
        <translation>No history matches the conditions.</translation>
    </message>
    <message>
        <source>%1 件中、新しい順に %2 件を表示しています。条件を絞ってください。</source>
        <translation>Showing the newest %2 of %1 entries. Please narrow the conditions.</translation>
    </message>
    <message>
        <source>%1 件見つかりました（新しい順）。</source>
        <translation>%1 found (newest first).</translation>
    </message>
</context>
<context>
    <name>oqs::client::gui::LoginDialog</name>
    <message>
        <source>ログイン（オンライン資格確認）</source>
        <translation>Log in (Online Qualification Check)</translation>
    </message>
    <message>
        <source>10文字以上、英大文字・英小文字・数字・記号のうち3種類以上</source>
        <translation>At least 10 characters, with 3 of: upper case, lower case, digits, symbols</translation>
    </message>
    <message>
        <source>ユーザーID</source>
        <translation>User ID</translation>
    </message>
    <message>
        <source>パスワード</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>初回ログインのため、新しいパスワードを決めてください。</source>
        <translation>This is your first login: please choose a new password.</translation>
    </message>
    <message>
        <source>新しいパスワード</source>
        <translation>New password</translation>
    </message>
    <message>
        <source>新しいパスワード（確認）</source>
        <translation>New password (again)</translation>
    </message>
    <message>
        <source>ログイン</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>ユーザーIDとパスワードを入力してください。</source>
        <translation>Enter your user ID and password.</translation>
    </message>
    <message>
        <source>新しいパスワードが確認欄と一致しません。</source>
        <translation>The new password and its confirmation do not match.</translation>
    </message>
    <message>
        <source>パスワードを変更してログイン</source>
        <translation>Change password and log in</translation>
    </message>
    <message>
        <source>サーバーに接続できません（%1）。設定とネットワークを確認してください。</source>
        <translation>Cannot connect to the server (%1). Check the settings and the network.</translation>
    </message>
    <message>
        <source>新しいパスワードが条件を満たしていません（10文字以上、英大文字・英小文字・数字・記号のうち3種類以上、ユーザーIDや今のパスワードと異なること）。</source>
        <translation>The new password does not meet the rules (at least 10 characters, 3 of upper case, lower case, digits and symbols, different from the user ID and the current password).</translation>
    </message>
    <message>
        <source>ユーザーIDまたはパスワードが違うか、続けて間違えたためアカウントが一時的にロックされています。</source>
        <translation>Wrong user ID or password, or the account is temporarily locked after repeated failures.</translation>
    </message>
</context>
<context>
    <name>oqs::client::gui::MainWindow</name>
    <message>
        <source>オンライン資格確認 受付</source>
        <translation>Online Qualification Check – Reception</translation>
    </message>
    <message>
        <source>保険証で確認</source>
        <translation>Check by insurance card</translation>
    </message>
    <message>
        <source>マイナンバーカードで確認</source>
        <translation>Check by My Number card</translation>
    </message>
    <message>
        <source>本日の受付一覧（選ぶと結果を表示）</source>
        <translation>Today&apos;s checks (select one to show its result)</translation>
    </message>
    <message>
        <source>設定に問題があります: %1</source>
        <translation>There is a problem with the settings: %1</translation>
    </message>
    <message>
        <source>ログインの有効期限が切れました。照会は保存されています。ツール → ログイン からログインし直してください。</source>
        <translation>Your login has expired. Queries are saved. Log in again from Tools → Log in.</translation>
    </message>
    <message>
        <source>照会をこのパソコンに保存できませんでした: %1</source>
        <translation>The query could not be saved on this PC: %1</translation>
    </message>
    <message>
        <source>ファイル(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>CSVファイルに書き出す(&amp;E)…</source>
        <translation>&amp;Export to CSV file…</translation>
    </message>
    <message>
        <source>結果票を印刷(&amp;P)…</source>
        <translation>&amp;Print result sheet…</translation>
    </message>
    <message>
        <source>結果票をPDFに保存(&amp;D)…</source>
        <translation>Save result sheet as P&amp;DF…</translation>
    </message>
    <message>
        <source>保険証のQRコードを画像ファイルから読み取る(&amp;I)…</source>
        <translation>Read insurance card QR code from an &amp;image file…</translation>
    </message>
    <message>
        <source>コピーした画像から保険証のQRコードを読み取る(&amp;V)</source>
        <translation>Read insurance card QR code from a copied picture (&amp;V)</translation>
    </message>
    <message>
        <source>終了(&amp;X)</source>
        <translation>E&amp;xit</translation>
    </message>
    <message>
        <source>ツール(&amp;T)</source>
        <translation>&amp;Tools</translation>
    </message>
    <message>
        <source>ログイン(&amp;L)…</source>
        <translation>&amp;Log in…</translation>
    </message>
    <message>
        <source>設定・接続テスト(&amp;S)…</source>
        <translation>&amp;Settings and connection test…</translation>
    </message>
    <message>
        <source>受付(&amp;R)</source>
        <translation>&amp;Reception</translation>
    </message>
    <message>
        <source>送信待ちを今すぐ再送(&amp;S)</source>
        <translation>&amp;Send waiting queries now</translation>
    </message>
    <message>
        <source>受付履歴の検索(&amp;H)…</source>
        <translation>Search check &amp;history…</translation>
    </message>
    <message>
        <source>次の患者さん(&amp;N)</source>
        <translation>&amp;Next patient</translation>
    </message>
    <message>
        <source>保険証の内容を入力するか、マイナンバーカードをリーダーに置いてください。</source>
        <translation>Enter the insurance card&apos;s details, or place the My Number card on the reader.</translation>
    </message>
    <message>
        <source>ログインしていません。照会は保存され、ログイン後に送信されます（ツール → ログイン）。</source>
        <translation>Not logged in. Queries are saved and sent after login (Tools → Log in).</translation>
    </message>
    <message>
        <source>%1 でログインしています。</source>
        <translation>Logged in as %1.</translation>
    </message>
    <message>
        <source>設定を保存しました。</source>
        <translation>Settings saved.</translation>
    </message>
    <message>
        <source>カードリーダー未接続（この端末ではマイナンバーカードを読み取れません）</source>
        <translation>No card reader (My Number cards cannot be read on this PC)</translation>
    </message>
    <message>
        <source>カードリーダーが見つかりません。USBケーブルを確認してください。</source>
        <translation>No card reader found. Check the USB cable.</translation>
    </message>
    <message>
        <source>カードをリーダーに置いてください（%1）</source>
        <translation>Place the card on the reader (%1)</translation>
    </message>
    <message>
        <source>読み取り中です。カードを動かさないでください…</source>
        <translation>Reading. Do not move the card…</translation>
    </message>
    <message>
        <source>カードをリーダーに置いてください</source>
        <translation>Place the card on the reader</translation>
    </message>
    <message>
        <source>読み取りました。カードを外してください。</source>
        <translation>Card read. Please remove the card.</translation>
    </message>
    <message>
        <source>カード読み取りサービスが動いていません。管理者に連絡してください。</source>
        <translation>The card reader service is not running. Contact your administrator.</translation>
    </message>
    <message>
        <source>マイナンバーカードではありません。カードを確認してください。</source>
        <translation>This is not a My Number card. Check the card.</translation>
    </message>
    <message>
        <source>読み取り中にカードが外されました。もう一度置いてください。</source>
        <translation>The card was removed while reading. Place it again.</translation>
    </message>
    <message>
        <source>カードを読み取れませんでした。置き直してください。</source>
        <translation>The card could not be read. Place it again.</translation>
    </message>
    <message>
        <source>CSVに書き出せない文字があります（%1）。UTF-8 を選んでください。</source>
        <translation>Some characters cannot be written in this encoding (%1). Choose UTF-8.</translation>
    </message>
    <message>
        <source>回答が表示されていません。</source>
        <translation>No answer is shown.</translation>
    </message>
    <message>
        <source>QRコードの画像</source>
        <translation>QR code picture</translation>
    </message>
    <message>
        <source>画像ファイル (*.png *.jpg *.jpeg *.bmp *.gif)</source>
        <translation>Image files (*.png *.jpg *.jpeg *.bmp *.gif)</translation>
    </message>
    <message>
        <source>CSVファイルの保存先</source>
        <translation>Save CSV file as</translation>
    </message>
    <message>
        <source>CSVファイル (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>CSVの書き出し</source>
        <translation>CSV export</translation>
    </message>
    <message>
        <source>CSVファイルを書き出しました: %1</source>
        <translation>CSV file written: %1</translation>
    </message>
    <message>
        <source>結果票</source>
        <translation>Result sheet</translation>
    </message>
    <message>
        <source>結果票の保存先</source>
        <translation>Save result sheet as</translation>
    </message>
    <message>
        <source>PDFファイル (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>暗証番号がロックされています（解除は市区町村の窓口）。暗証番号なしで確認してください。</source>
        <translation>The PIN is locked (it can be unlocked at the municipal office). Check without the PIN.</translation>
    </message>
    <message>
        <source>暗証番号が入力されなかったため、確認を中止しました。</source>
        <translation>No PIN was entered, so the check was cancelled.</translation>
    </message>
    <message>
        <source>暗証番号を確認しています。カードを動かさないでください…</source>
        <translation>Checking the PIN. Do not move the card…</translation>
    </message>
    <message>
        <source>カメラで保険証のQRコードを読み取る(&amp;C)…</source>
        <translation>Read insurance card QR code with the &amp;camera…</translation>
    </message>
</context>
<context>
    <name>oqs::client::gui::PinDialog</name>
    <message>
        <source>暗証番号の入力</source>
        <translation>Enter PIN</translation>
    </message>
    <message>
        <source>患者さんに、マイナンバーカードの利用者証明用電子証明書の暗証番号（数字4桁）を入力してもらってください。</source>
        <translation>Ask the patient to enter the 4-digit PIN of the My Number card&apos;s user-authentication certificate.</translation>
    </message>
    <message>
        <source>暗証番号が違います。</source>
        <translation>Wrong PIN.</translation>
    </message>
    <message>
        <source>残り %1 回</source>
        <translation>%1 tries left</translation>
    </message>
    <message>
        <source>残り 1 回です。間違えるとカードがロックされ、市区町村の窓口でしか解除できません。</source>
        <translation>One try left. A wrong PIN locks the card, and only the municipal office can unlock it.</translation>
    </message>
    <message>
        <source>確認</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <source>暗証番号を使わない</source>
        <translation>Check without PIN</translation>
    </message>
    <message>
        <source>最後の1回です。暗証番号が正しいことを患者さんに確かめてから、「最後の1回を使う」を押してください。</source>
        <translation>This is the last try. Make sure with the patient that the PIN is right, then press &quot;Use the last try&quot;.</translation>
    </message>
    <message>
        <source>最後の1回を使う</source>
        <translation>Use the last try</translation>
    </message>
</context>
<context>
    <name>oqs::client::gui::QrImageReader</name>
    <message>
        <source>画像がありません。QRコードの写った画像を選ぶか、画面の写しをコピーしてから貼り付けてください。</source>
        <translation>There is no picture. Choose a picture showing the QR code, or copy a screenshot first and then paste it.</translation>
    </message>
    <message>
        <source>QRコードはありましたが、保険証のQRコードではありません。</source>
        <translation>A QR code was found, but it is not an insurance card QR code.</translation>
    </message>
    <message>
        <source>画像からQRコードを見つけられませんでした。QRコード全体が写るように撮り直すか、手で入力してください。</source>
        <translation>No QR code was found in the picture. Take it again with the whole QR code visible, or type the fields in.</translation>
    </message>
    <message>
        <source>画像ファイルを開けません（%1）。PNG または JPEG のファイルを選んでください。</source>
        <translation>Cannot open the picture (%1). Choose a PNG or JPEG file.</translation>
    </message>
</context>
<context>
    <name>oqs::client::gui::QualificationText</name>
    <message>
        <source>未登録</source>
        <translation>Not registered</translation>
    </message>
    <message>
        <source>%1割</source>
        <translation>%1/10</translation>
    </message>
    <message>
        <source>%1年%2月%3日</source>
        <translation>%2/%3/%1</translation>
    </message>
    <message>
        <source>yyyy年M月d日 HH:mm:ss</source>
        <translation>MM/dd/yyyy HH:mm:ss</translation>
    </message>
    <message>
        <source>氏名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>氏名（カナ）</source>
        <translation>Name (kana)</translation>
    </message>
    <message>
        <source>生年月日</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>性別</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>保険者番号</source>
        <translation>Insurer number</translation>
    </message>
    <message>
        <source>記号・番号・枝番</source>
        <translation>Symbol / number / branch</translation>
    </message>
    <message>
        <source>証区分</source>
        <translation>Card type</translation>
    </message>
    <message>
        <source>本人・家族</source>
        <translation>Insured / dependant</translation>
    </message>
    <message>
        <source>負担割合</source>
        <translation>Co-payment</translation>
    </message>
    <message>
        <source>高齢受給者 負担割合</source>
        <translation>Elderly co-payment</translation>
    </message>
    <message>
        <source>資格取得日</source>
        <translation>Qualified since</translation>
    </message>
    <message>
        <source>資格喪失日</source>
        <translation>Qualification lost on</translation>
    </message>
    <message>
        <source>なし</source>
        <translation>None</translation>
    </message>
    <message>
        <source>保険証の有効期限</source>
        <translation>Card valid until</translation>
    </message>
    <message>
        <source>期限なし</source>
        <translation>No expiry</translation>
    </message>
    <message>
        <source>患者ID</source>
        <translation>Patient ID</translation>
    </message>
    <message>
        <source>受診日</source>
        <translation>Consultation date</translation>
    </message>
    <message>
        <source>受付番号</source>
        <translation>Receipt number</translation>
    </message>
    <message>
        <source>確認日時</source>
        <translation>Checked at</translation>
    </message>
    <message>
        <source>保険者データ更新日時</source>
        <translation>Insurer&apos;s data updated</translation>
    </message>
    <message>
        <source>直近の資格（喪失済み）</source>
        <translation>Most recent qualification (lost)</translation>
    </message>
    <message>
        <source>保険者 %1 ／ %2 ／ %3 ／ 負担 %4 ／ 有効期限 %5</source>
        <translation>Insurer %1 / %2 / %3 / co-payment %4 / valid until %5</translation>
    </message>
</context>
<context>
    <name>oqs::client::gui::ResultLook</name>
    <message>
        <source>有効です</source>
        <translation>Valid</translation>
    </message>
    <message>
        <source>有効です（複数の資格）</source>
        <translation>Valid (several qualifications)</translation>
    </message>
    <message>
        <source>無効です</source>
        <translation>Not valid</translation>
    </message>
    <message>
        <source>この保険証は無効です</source>
        <translation>This insurance card is not valid</translation>
    </message>
    <message>
        <source>該当する資格がありません</source>
        <translation>No matching qualification</translation>
    </message>
    <message>
        <source>まだ確認できません（登録手続き中）</source>
        <translation>Cannot be checked yet (registration in progress)</translation>
    </message>
    <message>
        <source>カードの証明書の有効期限切れ</source>
        <translation>The card&apos;s certificate has expired</translation>
    </message>
    <message>
        <source>カードの証明書が失効しています</source>
        <translation>The card&apos;s certificate has been revoked</translation>
    </message>
    <message>
        <source>このカードは確認できません</source>
        <translation>This card cannot be checked</translation>
    </message>
    <message>
        <source>カードを読み取れません</source>
        <translation>The card cannot be read</translation>
    </message>
    <message>
        <source>受付時間外です（送信待ち）</source>
        <translation>Outside service hours (waiting to send)</translation>
    </message>
    <message>
        <source>混雑しています（送信待ち）</source>
        <translation>Server busy (waiting to send)</translation>
    </message>
    <message>
        <source>入力内容に誤りがあります</source>
        <translation>The input has errors</translation>
    </message>
    <message>
        <source>この端末は認証されていません</source>
        <translation>This terminal is not authenticated</translation>
    </message>
    <message>
        <source>この操作は許可されていません</source>
        <translation>This operation is not allowed</translation>
    </message>
    <message>
        <source>システムエラー</source>
        <translation>System error</translation>
    </message>
    <message>
        <source>確認中…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>サーバーに問い合わせています。そのままお待ちください。</source>
        <translation>Asking the server. Please wait.</translation>
    </message>
    <message>
        <source>送信待ち（自動で再送します）</source>
        <translation>Waiting to send (resent automatically)</translation>
    </message>
    <message>
        <source>
患者さんの問い合わせは保存されています。次の方の受付に進めます。</source>
        <translation>
The patient&apos;s query is saved. You can go on with the next patient.</translation>
    </message>
</context>
<context>
    <name>oqs::client::gui::ResultPanel</name>
    <message>
        <source>有効な資格の一覧</source>
        <translation>Valid qualifications</translation>
    </message>
    <message>
        <source>医療機関システム取込用QRコード</source>
        <translation>QR code for import into the clinic system</translation>
    </message>
    <message>
        <source>結果票を印刷</source>
        <translation>Print result sheet</translation>
    </message>
    <message>
        <source>結果票をPDFに保存</source>
        <translation>Save result sheet as PDF</translation>
    </message>
    <message>
        <source>保険証の内容を入力するか、マイナンバーカードをリーダーに置いてください。</source>
        <translation>Enter the insurance card&apos;s details, or place the My Number card on the reader.</translation>
    </message>
    <message>
        <source>次の患者さんをどうぞ</source>
        <translation>Ready for the next patient</translation>
    </message>
    <message>
        <source>（再起動後のため詳細をサーバーから再取得しています）</source>
        <translation>(after a restart: fetching the details from the server again)</translation>
    </message>
</context>
<context>
    <name>oqs::client::gui::ResultSheet</name>
    <message>
        <source>オンライン資格確認 結果票</source>
        <translation>Online Qualification Check – Result sheet</translation>
    </message>
    <message>
        <source>医療機関システム取込用QRコード</source>
        <translation>QR code for import into the clinic system</translation>
    </message>
    <message>
        <source>PDFを書き込めません: %1</source>
        <translation>Cannot write the PDF: %1</translation>
    </message>
</context>
<context>
    <name>oqs::client::gui::SettingsDialog</name>
    <message>
        <source>参照…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>設定</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>空欄はOSの認証局を使用</source>
        <translation>Empty = use the system&apos;s CAs</translation>
    </message>
    <message>
        <source>最初に見つかったリーダー</source>
        <translation>First reader found</translation>
    </message>
    <message>
        <source>UTF-8（BOM付き）</source>
        <translation>UTF-8 (with BOM)</translation>
    </message>
    <message>
        <source>Shift_JIS（CP932）</source>
        <translation>Shift_JIS (CP932)</translation>
    </message>
    <message>
        <source>サーバーのURL</source>
        <translation>Server URL</translation>
    </message>
    <message>
        <source>施設の証明書（PKCS#12）</source>
        <translation>Institution certificate (PKCS#12)</translation>
    </message>
    <message>
        <source>PKCS#12 (*.p12 *.pfx)</source>
        <translation>PKCS#12 (*.p12 *.pfx)</translation>
    </message>
    <message>
        <source>証明書のパスワード</source>
        <translation>Certificate password</translation>
    </message>
    <message>
        <source>サーバーの認証局（PEM）</source>
        <translation>Server CA (PEM)</translation>
    </message>
    <message>
        <source>PEM (*.pem *.crt)</source>
        <translation>PEM (*.pem *.crt)</translation>
    </message>
    <message>
        <source>端末ID</source>
        <translation>Terminal ID</translation>
    </message>
    <message>
        <source>カードリーダー</source>
        <translation>Card reader</translation>
    </message>
    <message>
        <source>CSVの文字コード</source>
        <translation>CSV encoding</translation>
    </message>
    <message>
        <source>表示言語（次回起動時から）</source>
        <translation>Display language (from next start)</translation>
    </message>
    <message>
        <source>接続テスト</source>
        <translation>Connection test</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>キャンセル</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>テスト中…</source>
        <translation>Testing…</translation>
    </message>
    <message>
        <source>マイナンバーカードの暗証番号で本人確認する（暗証番号モード）</source>
        <translation>Confirm the patient with the My Number card&apos;s PIN (PIN mode)</translation>
    </message>
</context>
<context>
    <name>oqs::client::gui::WorkListModel</name>
    <message>
        <source>送信待ち</source>
        <translation>Waiting to send</translation>
    </message>
    <message>
        <source>送信中</source>
        <translation>Sending</translation>
    </message>
    <message>
        <source>再送待ち（%1 に再送）: %2</source>
        <translation>Waiting (resend at %1): %2</translation>
    </message>
    <message>
        <source>回答済み（詳細を再取得中）</source>
        <translation>Answered (fetching details again)</translation>
    </message>
    <message>
        <source>回答済み</source>
        <translation>Answered</translation>
    </message>
    <message>
        <source>保険証</source>
        <translation>Insurance card</translation>
    </message>
    <message>
        <source>マイナンバーカード</source>
        <translation>My Number card</translation>
    </message>
    <message>
        <source>受付時刻</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>患者ID</source>
        <translation>Patient ID</translation>
    </message>
    <message>
        <source>確認方法</source>
        <translation>Method</translation>
    </message>
    <message>
        <source>状態</source>
        <translation>State</translation>
    </message>
    <message>
        <source>結果</source>
        <translation>Result</translation>
    </message>
</context>
</TS>
