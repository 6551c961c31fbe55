<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="ja">
<context>
    <name>CardFormWidget</name>
    <message>
        <source>保険者番号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>6桁または8桁</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>記号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ない場合は空欄</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>番号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QRコードはここで読み取れます</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>枝番</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2桁（例: 01）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>生年月日</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>例: 1980-04-01 または 19800401</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>受診日</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>空欄は本日（1か月前まで）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>患者ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>任意（レセコンの患者番号など）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>資格を確認する（Enter）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QRコードを読み取れませんでした（%1）。もう一度読み取るか、手で入力してください。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QRコードから入力しました。Enter で資格を確認します。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionSelfTest</name>
    <message>
        <source>サーバーに接続できる</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>接続できません（%1）。URLとネットワークを確認してください。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>施設の証明書で安全に接続できる（TLS）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>認証されました</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS接続に失敗しました（%1）。施設証明書とサーバー認証局を確認してください。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>確認できません（HTTP %1）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>カードリーダー</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>この端末ではカードリーダーを使えません（未接続）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>見つかりません。USBケーブルとカード読み取りサービスを確認してください。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>時計のずれ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 秒</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 秒ずれています。パソコンの時刻を合わせてください。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>サーバーの時刻を取得できません</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CsvExportDialog</name>
    <message>
        <source>CSVファイルに書き出す</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>書き出す項目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>文字コード</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UTF-8（BOM付き・Excel対応）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shift_JIS（CP932・古いレセコン向け）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>対象</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>一覧で選んだ結果だけ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本日の結果すべて</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>書き出す</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>キャンセル</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>オンライン資格確認 受付</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保険証で確認</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>マイナンバーカードで確認</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本日の受付一覧（選ぶと結果を表示）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>設定に問題があります: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>照会をこのパソコンに保存できませんでした: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ファイル(&amp;F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSVファイルに書き出す(&amp;E)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>結果票を印刷(&amp;P)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>結果票をPDFに保存(&amp;D)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>終了(&amp;X)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ツール(&amp;T)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>設定・接続テスト(&amp;S)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>受付(&amp;R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>送信待ちを今すぐ再送(&amp;S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>次の患者さん(&amp;N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保険証の内容を入力するか、マイナンバーカードをリーダーに置いてください。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>設定を保存しました。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>カードリーダー未接続（この端末ではマイナンバーカードを読み取れません）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>カードリーダーが見つかりません。USBケーブルを確認してください。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>カードをリーダーに置いてください（%1）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>読み取り中です。カードを動かさないでください…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>カードをリーダーに置いてください</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>読み取りました。カードを外してください。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>カード読み取りサービスが動いていません。管理者に連絡してください。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>マイナンバーカードではありません。カードを確認してください。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>読み取り中にカードが外されました。もう一度置いてください。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>カードを読み取れませんでした。置き直してください。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSVに書き出せない文字があります（%1）。UTF-8 を選んでください。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>回答が表示されていません。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSVファイルの保存先</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSVファイル (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSVの書き出し</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSVファイルを書き出しました: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>結果票の保存先</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDFファイル (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>結果票</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QualificationText</name>
    <message>
        <source>%1年%2月%3日</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未登録</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yyyy年M月d日 HH:mm:ss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>氏名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>氏名（カナ）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>生年月日</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>性別</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保険者番号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>記号・番号・枝番</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>証区分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本人・家族</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>負担割合</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>高齢受給者 負担割合</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>資格取得日</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>資格喪失日</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>なし</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保険証の有効期限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>期限なし</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>患者ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>受診日</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>受付番号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>確認日時</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保険者データ更新日時</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>直近の資格（喪失済み）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保険者 %1 ／ %2 ／ %3 ／ 負担 %4 ／ 有効期限 %5</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReceptionService</name>
    <message>
        <source>サーバーの応答がありません。自動で再送します。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>サーバーに接続できません（ネットワークを確認してください）。自動で再送します。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>安全な接続を確立できません。設定の施設証明書を確認してください。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>サーバーの応答を読み取れません。自動で再送します。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResultLook</name>
    <message>
        <source>確認中…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>サーバーに問い合わせています。そのままお待ちください。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>送信待ち（自動で再送します）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
患者さんの問い合わせは保存されています。次の方の受付に進めます。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResultPanel</name>
    <message>
        <source>有効な資格の一覧</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>医療機関システム取込用QRコード</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>結果票を印刷</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>結果票をPDFに保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保険証の内容を入力するか、マイナンバーカードをリーダーに置いてください。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>次の患者さんをどうぞ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（再起動後のため詳細をサーバーから再取得しています）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResultSheet</name>
    <message>
        <source>オンライン資格確認 結果票</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>医療機関システム取込用QRコード</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDFを書き込めません: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServerClient</name>
    <message>
        <source>サーバーのURLは https:// で始めてください。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>施設の証明書ファイル（PKCS#12）を開けません: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>施設の証明書を読み込めません。パスワードが正しいか確認してください。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>サーバーの認証局証明書を読み込めません: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>参照…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>設定</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>空欄はOSの認証局を使用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>最初に見つかったリーダー</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UTF-8（BOM付き）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shift_JIS（CP932）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>サーバーのURL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>施設の証明書（PKCS#12）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PKCS#12 (*.p12 *.pfx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>証明書のパスワード</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>サーバーの認証局（PEM）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM (*.pem *.crt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>端末ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>カードリーダー</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSVの文字コード</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>表示言語（次回起動時から）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>接続テスト</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>キャンセル</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>テスト中…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WorkListModel</name>
    <message>
        <source>送信待ち</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>送信中</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>再送待ち（%1 に再送）: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>回答済み（詳細を再取得中）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>回答済み</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保険証</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>マイナンバーカード</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>受付時刻</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>患者ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>確認方法</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>状態</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>結果</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>oqs::client::gui</name>
    <message>
        <source>未登録</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1割</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>有効です</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>有効です（複数の資格）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>無効です</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>この保険証は無効です</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>該当する資格がありません</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>まだ確認できません（登録手続き中）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>カードの証明書の有効期限切れ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>カードの証明書が失効しています</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>このカードは確認できません</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>カードを読み取れません</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>受付時間外です（送信待ち）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>混雑しています（送信待ち）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>入力内容に誤りがあります</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>この端末は認証されていません</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>この操作は許可されていません</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>システムエラー</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
