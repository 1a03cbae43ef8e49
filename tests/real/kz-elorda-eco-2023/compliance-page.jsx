import clsx from "clsx";
import { JOBS_ARR } from "../needed/constans";

export default function Compliance() {
  return (
    <section className="mb-auto container py-12">
      <h2 className="text-3xl font-bold text-prime ">
        План мероприятий по противодействию коррупции <br></br>ГКП на ПХВ
        «Elorda Eco System» на 2023 год
      </h2>
      <table className="mt-4">
        <tbody>
          <tr>
            <td className="border">
              <strong>№</strong>
              <strong></strong>
            </td>
            <td className="border">
              <strong>Іс-шараның атауы</strong>
            </td>
            <td className="border">
              <strong>Орындау мерзімі&nbsp;</strong>
            </td>
            <td className="border">
              <strong>Аяқтау нысаны</strong>
            </td>
            <td className="border">
              <strong>Жауапты орындаушылар</strong>
            </td>
          </tr>
          <tr>
            <td className="border">1</td>
            <td className="border">
              Сыбайлас жемқорлыққа қарсы комплаенс институтын енгізуді
              қамтамасыз ету, сыбайлас жемқорлыққа қарсы іс-қимыл туралы
              заңнаманың сақталуын бақылау
            </td>
            <td className="border">2022 жылдың бірінші жартыжылдығы</td>
            <td className="border">
              Сыбайлас жемқорлыққа қарсы комплаенс қызметін құру
            </td>
            <td className="border">Орынбасар</td>
          </tr>
          <tr>
            <td className="border">2</td>
            <td className="border">
              Квазимемлекеттік сектор субъектілерінде комплаенс-қызметтерің
              регламенттейтін ішкі нормативтік құжаттардың болуын қамтамасыз ету
              (сыбайлас жемқорлық бойынша НҚА-ға өзгерістер енгізу кезінде
              тұрақты өзектендіру)
            </td>
            <td className="border">Тұрақты түрде</td>
            <td className="border">
              Өзектендірілген ішкі нормативтік құжаттама
            </td>
            <td className="border">Кәсіпорынның Комплаенс-офицері</td>
          </tr>
          <tr>
            <td className="border">3</td>
            <td className="border">
              Сыбайлас жемқорлық туралы заңнама талаптарын сақтау мәселелері
              бойынша кәсіпорын қызметкерлері үшін ай сайынғы түсіндіру және
              оқыту іс-шараларын өткізу
            </td>
            <td className="border">Тоқсан сайын</td>
            <td className="border">
              Кеңес хаттамасы, анықтама, әлеуметтік желілерде жариялауға сілтеме
              (бар болса)
            </td>
            <td className="border">Кәсіпорынның Комплаенс-офицері</td>
          </tr>
          <tr>
            <td className="border">4</td>
            <td className="border">
              Мемлекеттік функцияларды орындауға уәкілеттік берілген адамдарға
              теңестірілген адамдар болып табылатын барлық қызметкерлердің
              сыбайлас жемқорлыққа қарсы шектеулерді қабылдауын қамтамасыз ету
            </td>
            <td className="border">Тұрақты түрде</td>
            <td className="border">
              Растайтын құжаттарды қоса бере отырып, сыбайлас жемқорлыққа қарсы
              шектеулерді қабылдаған қызметкерлердің тізімі
            </td>
            <td className="border">Кәсіпорынның Комплаенс-офицері</td>
          </tr>
          <tr>
            <td className="border">&nbsp; 5</td>
            <td className="border">
              Барлық бөлімшелерді қамти отырып, сыбайлас жемқорлық тәуекелдеріне
              жыл сайын ішкі талдау жүргізу
            </td>
            <td className="border">
              1 жылда бір рет және ағымдағы жылдың 4 тоқсанынан кешіктірмей
            </td>
            <td className="border">Талдамалық анықтама</td>
            <td className="border">
              Кәсіпорынның Комплаенс-офицері / жұмыс тобы
            </td>
          </tr>
          <tr>
            <td className="border">6</td>
            <td className="border">
              Кәсіпорындағы мүдделер қақтығысы фактілерін жою
            </td>
            <td className="border">Тұрақты түрде</td>
            <td className="border">Тұрақты түрде</td>
            <td className="border">Кәсіпорынның Комплаенс-офицері</td>
          </tr>
          <tr>
            <td className="border">7</td>
            <td className="border">
              Сыбайлас жемқорлық тәуекелдеріне ішкі талдау жүргізу барысында
              анықталған сыбайлас жемқорлық тәуекелдерін жою жөніндегі
              іс-шаралар жоспарын жасау
            </td>
            <td className="border">
              Талдау нәтижелері ұсынылғаннан кейін 5 жұмыс күннің ішінде
            </td>
            <td className="border">
              Сыбайлас жемқорлық тәуекелдеріне ішкі талдау жүргізу барысында
              анықталған сыбайлас жемқорлық тәуекелдерін жою жөніндегі
              бекітілген іс-шаралар жоспары
            </td>
            <td className="border">
              Кәсіпорынның Комплаенс-офицері / жұмыс тобы
            </td>
          </tr>
          <tr>
            <td className="border">8</td>
            <td className="border">
              Сыбайлас жемқорлық тәуекелдерін ішкі талдау нәтижелері бойынша
              ұсынымдарды орындау
            </td>
            <td className="border">
              Сыбайлас жемқорлық тәуекелдерін орналастыру жөніндегі іс-шаралар
              жоспарындағы деректерге сәйкес
            </td>
            <td className="border">
              Растайтын құжаттарды қоса бере отырып, жоспардың орындалуы бойынша
              есеп
            </td>
            <td className="border">
              Жоспарға сәйкес жауапты құрылымдық бөлімшелердің басшылары
            </td>
          </tr>
          <tr>
            <td className="border">9</td>
            <td className="border">
              Сыбайлас жемқорлық бұзушылықтар фактісі бойынша кәсіпорынға келіп
              түсетін шағымдар мен өтініштердің уақытылы тіркелуіне бақылау
              жүргізу
            </td>
            <td className="border">Тұрақты түрде</td>
            <td className="border">Өтініштерді тіркеу журналы</td>
            <td className="border">
              Мониторинг және әкімшілік жұмыс басқармасы
            </td>
          </tr>
          <tr>
            <td className="border">10</td>
            <td className="border">
              Кәсіпорын қызметкерлері жіберген бұзушылықтарды қарастыра отырып,
              бақылаушы органдарды тексеру нәтижелерін талқылау
            </td>
            <td className="border">тексеру нәтижелері бойынша</td>
            <td className="border">Хаттама</td>
            <td className="border">
              Кәсіпорын басшылығы, жауапты құрылымдық бөлімшелердің басшылары,
              кәсіпорынның комплаенс-офицері
            </td>
          </tr>
          <tr>
            <td className="border">11</td>
            <td className="border">
              Сыбайлас жемқорлыққа қарсы іс-қимылға қатысты негізгі іс-шаралар
              жоспарының орындалуы бойынша ақпарат беру
            </td>
            <td className="border">Тоқсанына 1 рет</td>
            <td className="border">Есеп</td>
            <td className="border">
              Жоспарға сәйкес кәсіпорын басшылығы, жауапты құрылымдық
              бөлімшелердің басшылары
            </td>
          </tr>
          <tr>
            <td className="border">12</td>
            <td className="border">
              Ұйымдағы сыбайлас жемқорлық және өзге де бұзушылықтар туралы
              хабарлау
            </td>
            <td className="border">Шығу кезінде</td>
            <td className="border">Шығу кезінде</td>
            <td className="border">Шығу кезінде</td>
          </tr>
        </tbody>
      </table>
      <h2 className="text-3xl font-bold text-prime mt-8">
        2023 жылға арналған №4 «Сыбайлас жемқорлықтың алдын алу және оған қарсы
        іс-қимыл» үлгілік базалық бағытын іске асыру
      </h2>

      <table className="mt-4">
        <thead>
          <tr>
            <th className="border ">№</th>
            <th className="border ">Жоба</th>
            <th className="border ">Міндеттер</th>
            <th className="border ">Қосымша міндеттер</th>
            <th className="border ">Орындау мерзімі</th>
            <th className="border ">Растайтын құжаттар</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td className="border">1</td>
            <td className="border">
              <strong>Сыбайлас жемқорлық тәуекелдерін ішкі талдау</strong>
            </td>
            <td className="border">
              <em>
                1-міндет. Сыбайлас жемқорлық тәуекелдеріне ішкі талдау жүргізу
                және анықталған сыбайлас жемқорлық тәуекелдерін жою
              </em>
            </td>
            <td className="border">
              1-қосымша міндет . Сыбайлас жемқорлық тәуекелдеріне ішкі талдау
              жүргізу кестесін бекіту
            </td>
            <td className="border">2023 жылғы маусым</td>
            <td className="border">Бекітілген кесте</td>
          </tr>
          <tr>
            <td className="border">2</td>
            <td className="border"></td>
            <td className="border"></td>
            <td className="border">
              2-қосымша&nbsp; міндет. Сыбайлас жемқорлық тәуекелдеріне ішкі
              талдау жүргізу жөніндегі бұйрықты бекіту
            </td>
            <td className="border">
              Сыбайлас жемқорлық тәуекелдерін ішкі талдау басталғанға дейін 5
              жұмыс күні бұрын
            </td>
            <td className="border">Бекітілген кесте</td>
          </tr>
          <tr>
            <td className="border">3</td>
            <td className="border"></td>
            <td className="border"></td>
            <td className="border">
              3 қосымша міндет. Интернет-ресурста, БАҚ-та және әлеуметтік
              желілерде сыбайлас жемқорлық тәуекелдеріне ішкі талдау жүргізудің
              басталғанын жариялау
            </td>
            <td className="border">
              Сыбайлас жемқорлық тәуекелдерін ішкі талдау басталғанға дейін 10
              жұмыс күні бұрын
            </td>
            <td className="border">
              Интернет-ресурсқа, БАҚ-қа, әлеуметтік желілерге сілтеме
            </td>
          </tr>
          <tr>
            <td className="border">4</td>
            <td className="border"></td>
            <td className="border"></td>
            <td className="border">
              4 қосымша міндет. Интернет-ресурста, БАҚ-та және әлеуметтік
              желілерде сыбайлас жемқорлық тәуекелдерін ішкі талдау нәтижелерін
              жария талқылауды бастау туралы хабарландыру
            </td>
            <td className="border">
              Сыбайлас жемқорлық тәуекелдеріне ішкі талдау аяқталғанға дейін 10
              жұмыс күнінен кешіктірмей
            </td>
            <td className="border">
              Интернет-ресурсқа, БАҚ-қа, әлеуметтік желілерге сілтеме
            </td>
          </tr>
          <tr>
            <td className="border">5</td>
            <td className="border"></td>
            <td className="border"></td>
            <td className="border">
              5 Қосымша&nbsp; міндет. Сыбайлас жемқорлық тәуекелдерін ішкі
              талдау нәтижелерін жария талқылау
            </td>
            <td className="border">
              Сыбайлас жемқорлық тәуекелдеріне ішкі талдау аяқталғанға дейін 5
              жұмыс күнінен кешіктірмей
            </td>
            <td className="border">&nbsp;Талқылау хаттамасы</td>
          </tr>
          <tr>
            <td className="border">6</td>
            <td className="border"></td>
            <td className="border"></td>
            <td className="border">
              6 қосымша міндет. Сыбайлас жемқорлық тәуекелдерін ішкі талдау
              нәтижелері бойынша талдамалық анықтамаға қол қою
            </td>
            <td className="border">
              Сыбайлас жемқорлық тәуекелдеріне ішкі талдау аяқталған күннен
              бастап 10 жұмыс күнінен кешіктірмей
            </td>
            <td className="border">Талдамалық анықтама</td>
          </tr>
          <tr>
            <td className="border">7</td>
            <td className="border"></td>
            <td className="border"></td>
            <td className="border">
              7-қосымша&nbsp; міндет. Сыбайлас жемқорлық тәуекелдерін ішкі
              талдау нәтижелері бойынша анықталған сыбайлас жемқорлық құқық
              бұзушылықтар жасауға ықпал ететін себептер мен жағдайларды жою
              жөніндегі іс-шаралар жоспарын әзірлеу
            </td>
            <td className="border">
              Талдамалық анықтамаға қол қойылған күннен бастап 10 жұмыс күнінен
              кешіктірмей
            </td>
            <td className="border">Жоспар&nbsp;&nbsp;</td>
          </tr>
          <tr>
            <td className="border">8</td>
            <td className="border"></td>
            <td className="border"></td>
            <td className="border">
              &nbsp;8 қосымша&nbsp; міндет. Сыбайлас жемқорлық тәуекелдерін ішкі
              талдау субъектісінің интернет-ресурсында талдамалық анықтама мен
              іс-шаралар жоспарын орналастыру
            </td>
            <td className="border">
              Іс-шаралар жоспары бекітілген күннен бастап 3 жұмыс күні ішінде
            </td>
            <td className="border">Интернет-ресурсқа сілтеме</td>
          </tr>
          <tr>
            <td className="border">9</td>
            <td className="border"></td>
            <td className="border"></td>
            <td className="border">
              &nbsp;9 қосымша&nbsp; міндет. Сыбайлас жемқорлық тәуекелдерін ішкі
              талдау қорытындылары бойынша енгізілген ұсынымдардың орындалуы
              туралы ақпарат дайындау арқылы сыбайлас жемқорлық құқық
              бұзушылықтар жасауға ықпал ететін себептер мен
              <br />
              жағдайларды жою мониторингі
            </td>
            <td className="border">
              Талдамалық анықтамаға қол қойылған күннен бастап бір жыл ішінде
            </td>
            <td className="border">
              Ұсынымдардың орындалу мониторингінің нәтижелері
            </td>
          </tr>
          <tr>
            <td className="border">10</td>
            <td className="border"></td>
            <td className="border">
              <em>
                2-міндет. Сыбайлас жемқорлық тәуекелдеріне ұшыраған лауазымдар
                тізілімін әзірлеу
              </em>
            </td>
            <td className="border">
              1-қосымша міндет.<br></br>Сыбайлас жемқорлық тәуекелдерін ішкі
              талдау қорытындылары бойынша айқындалған сыбайлас жемқорлық
              тәуекелдеріне ұшыраған лауазымдардың тізбесі<br></br>
              <br></br>
            </td>
            <td className="border">
              Сыбайлас жемқорлық тәуекелдеріне ішкі талдау жүргізу туралы
              бұйрыққа сәйкес
            </td>
            <td className="border">Тізілім</td>
          </tr>
          <tr>
            <td className="border">11</td>
            <td className="border">
              <strong>
                Сыбайлас жемқорлыққа қарсы заңнама нормаларын сақтау
              </strong>
            </td>
            <td className="border">
              <em>
                1-міндет. Сыбайлас жемқорлық құқық бұзушылықтарды анықтау
                (әкімшілік және қылмыстық)
              </em>
            </td>
            <td className="border">
              1-қосымша&nbsp; міндет. Сыбайлас жемқорлық құқық бұзушылықтар
              туралы хабарлама (әкімшілік және қылмыстық)
            </td>
            <td className="border">
              Тоқсан сайын есепті кезеңнен кейінгі айдың 5-күніне
            </td>
            <td className="border">Есеп беру нысаны</td>
          </tr>
          <tr>
            <td className="border">12</td>
            <td className="border"></td>
            <td className="border">
              <em>
                4-міндет. Бұрын сыбайлас жемқорлық құқық бұзушылық жасаған
                адамдарды жұмысқа қабылдау фактілерінің мониторингі&nbsp;
              </em>
            </td>
            <td className="border">
              1-қосымша міндет. Бұрын сыбайлас жемқорлық құқық бұзушылық жасаған
              адамдарды жұмысқа қабылдау фактілерін анықтау
            </td>
            <td className="border">
              Тоқсан сайын есепті кезеңнен кейінгі айдың 5-күніне
            </td>
            <td className="border">Есеп беру нысаны</td>
          </tr>
          <tr>
            <td className="border">13</td>
            <td className="border"></td>
            <td className="border">
              <em>
                5-міндет. Сыбайлас жемқорлыққа қарсы шектеулерді сақтау
                мониторин
              </em>
              гі
            </td>
            <td className="border">
              1-қосымша міндет. Мемлекеттік функцияларды орындаумен сыйыспайтын
              қызметті жүзеге асыратын тұлғаларды белгілеу
            </td>
            <td className="border">
              Тоқсан сайын есепті кезеңнен кейінгі айдың 5-күніне
            </td>
            <td className="border">Есеп беру нысаны</td>
          </tr>
          <tr>
            <td className="border">14</td>
            <td className="border"></td>
            <td className="border"></td>
            <td className="border">
              2-қосымша міндет. Жақын туыстарының, жұбайлары мен жекжаттарының
              бірлескен қызметі (жұмысы) фактілерін анықтау
            </td>
            <td className="border">
              Тоқсан сайын есепті кезеңнен кейінгі айдың 5-күніне
            </td>
            <td className="border">Есеп беру нысаны</td>
          </tr>
          <tr>
            <td className="border">15</td>
            <td className="border"></td>
            <td className="border"></td>
            <td className="border">
              3 қосымша міндет. Мүдделер қақтығысы болған кезде лауазымдық
              міндеттерді жүзеге асыру фактілерін анықтау
            </td>
            <td className="border">
              Тоқсан сайын есепті кезеңнен кейінгі айдың 5-күніне
            </td>
            <td className="border">Есеп беру нысаны</td>
          </tr>
          <tr>
            <td className="border">16</td>
            <td className="border"></td>
            <td className="border"></td>
            <td className="border">
              &nbsp;4 қосымша міндет.<br></br>Мүліктік және мүліктік емес
              игіліктер мен артықшылықтарды алу немесе алу мақсатында ресми
              таратылуға жатпайтын қызметтік және өзге де ақпаратты пайдалану
              фактілерін анықтау
            </td>
            <td className="border">
              Тоқсан сайын есепті кезеңнен кейінгі айдың 5-күніне
            </td>
            <td className="border">Есеп беру нысаны</td>
          </tr>
          <tr>
            <td className="border">17</td>
            <td className="border"></td>
            <td className="border"></td>
            <td className="border">
              5 -қосымша міндет. Егер мұндай іс-әрекеттер қызметтік өкілеттікке
              кіретін болса, оларды ұсынған адамдардың пайдасына материалдық
              сыйақы, сыйлықтар немесе іс-әрекеттер (әрекетсіздік) үшін
              көрсетілетін қызметтерді қабылдау фактілерін анықтау
            </td>
            <td className="border">
              Тоқсан сайын есепті кезеңнен кейінгі айдың 5-күніне
            </td>
            <td className="border">Есеп беру нысаны</td>
          </tr>
          <tr>
            <td className="border">18</td>
            <td className="border"></td>
            <td className="border"></td>
            <td className="border">
              &nbsp;6 қосымша міндет. Қазақстан Республикасынан тыс жерлерде
              орналасқан шетелдік банктерде шоттарды (салымдарды) ашу, иелену,
              қолма-қол ақша мен құндылықтарды сақтау фактілерін анықтау
            </td>
            <td className="border">
              Тоқсан сайын есепті кезеңнен кейінгі айдың 5-күніне
            </td>
            <td className="border">Есеп беру нысаны</td>
          </tr>
          <tr>
            <td className="border">19</td>
            <td className="border">
              <strong>
                Квазимемлекеттік сектор субъектілеріндегі сыбайлас жемқорлыққа
                қарсы комплаенс
              </strong>
            </td>
            <td className="border">
              <em>1-міндет. Ақпараттық-түсіндіру жұмыстары</em>
            </td>
            <td className="border">
              1-қосымша&nbsp; міндет. Сыбайлас жемқорлыққа қарсы іс-қимыл туралы
              заңнама талаптарын сақтау мәселелері бойынша тоқсан сайынғы
              түсіндіру және оқыту іс-шараларын өткізу
            </td>
            <td className="border">
              Тоқсан сайын есепті кезеңнен кейінгі айдың 5-күніне
            </td>
            <td className="border">
              Хаттама, интернет-ресурсқа, әлеуметтік желілерге сілтеме
            </td>
          </tr>
          <tr>
            <td className="border">20</td>
            <td className="border"></td>
            <td className="border"></td>
            <td className="border">
              2-қосымша міндет. <br></br>Ұйымның (компанияның)ресми сайтында
              Сыбайлас жемқорлыққа қарсы комплаенс бойынша арнайы бөлім құру
            </td>
            <td className="border">2023 жылғы маусым</td>
            <td className="border">Интернет-ресурсқа сілтеме</td>
          </tr>
          <tr>
            <td className="border">21</td>
            <td className="border"></td>
            <td className="border">
              <em>2-міндет. Сыбайлас жемқорлыққа қарсы құжаттама</em>
            </td>
            <td className="border">
              1-қосымша міндет. Сыбайлас жемқорлыққа қарсы комплаенс-қызмет
              туралы Ереженің болуын растау
            </td>
            <td className="border">2023 жылғы маусым</td>
            <td className="border">
              Сыбайлас жемқорлыққа қарсы комплаенс-қызмет туралы ереже
            </td>
          </tr>
          <tr>
            <td className="border">22</td>
            <td className="border"></td>
            <td className="border"></td>
            <td className="border">
              2-қосымша&nbsp; міндет. Сыбайлас жемқорлыққа қарсы саясаттың бар
              екендігін растау
            </td>
            <td className="border">2023 жылғы маусым</td>
            <td className="border">Сыбайлас жемқорлыққа қарсы саясат</td>
          </tr>
          <tr>
            <td className="border">23</td>
            <td className="border"></td>
            <td className="border"></td>
            <td className="border">
              &nbsp;3 -қосымша міндет. Сыбайлас жемқорлыққа қарсы іс-қимыл
              жөніндегі нұсқаулықтың болуын растау
            </td>
            <td className="border">2023 жылғы маусым</td>
            <td className="border">
              Сыбайлас жемқорлыққа қарсы іс-қимыл жөніндегі Нұсқаулық
            </td>
          </tr>
          <tr>
            <td className="border">24</td>
            <td className="border"></td>
            <td className="border"></td>
            <td className="border">
              &nbsp;4 -қосымша міндеттер. Мүдделер қақтығысын анықтау және
              реттеу саясатының болуын растау
            </td>
            <td className="border">2023 жылғы маусым</td>
            <td className="border">
              Мүдделер қақтығысын анықтау және реттеу саясаты
            </td>
          </tr>
          <tr>
            <td className="border">25</td>
            <td className="border"></td>
            <td className="border"></td>
            <td className="border">
              5-қосымша міндет. Корпоративтік этика және мінез-құлық кодексінің
              болуын растау
            </td>
            <td className="border">2023 жылғы маусым</td>
            <td className="border">
              Корпоративтік этика және мінез-құлық кодексі
            </td>
          </tr>
          <tr>
            <td className="border">26</td>
            <td className="border"></td>
            <td className="border"></td>
            <td className="border">
              &nbsp;6-қосымша тапсырма.<br></br>Ұйымның ресми сайтында 1-5
              косымша міндеттерге сәйкес әзірленген құжаттарды жариялау
            </td>
            <td className="border">2023 жылғы маусым</td>
            <td className="border">Интернет-ресурсқа сілтеме</td>
          </tr>
          <tr>
            <td className="border">27</td>
            <td className="border"></td>
            <td className="border">
              <em>
                3-міндет. ISO 37001 немесе ҚР СТ 3049-2017м стандартына&nbsp;
                сәйкестігін растау
              </em>
            </td>
            <td className="border">
              1-қосымша тапсырма. ISO 37001 немесе ҚР СТ 3049-2017 стандарты
              бойынша ұйымдарды енгізу және сертификаттау
            </td>
            <td className="border">
              Тоқсан сайын есепті кезеңнен кейінгі айдың 5-күніне
            </td>
            <td className="border">Сәйкестік сертификаты</td>
          </tr>
          <tr>
            <td className="border">28</td>
            <td className="border"></td>
            <td className="border">
              <em>
                4-міндет. Сыбайлас жемқорлыққа қарсы комплаенс-қызметтердің
                (комплаенс-офицерлердің)өңірлік тізілімін өзектендіру
              </em>
            </td>
            <td className="border">
              1-қосымша міндет. Сыбайлас жемқорлыққа қарсы комплаенс-қызметтер
              (комплаенс-офицерлер)тізілімінің мониторингі
            </td>
            <td className="border">
              Тоқсан сайын есепті кезеңнен кейінгі айдың 5-күніне
            </td>
            <td className="border">Есеп нысаны</td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}
